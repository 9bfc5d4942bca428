import type { AgentBridge } from '../shared/ipc.js';

/** The preload's API; tests put a double in its place. */
export function bridge(): AgentBridge {
  return (window as unknown as { calltimex: AgentBridge }).calltimex;
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing`);
  return element as T;
}
