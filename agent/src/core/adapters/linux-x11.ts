import { execFile } from 'node:child_process';
import type { ActivitySource, ForegroundActivity, IdleSource, Logger } from '../ports.js';

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 2000, encoding: 'utf8' }, (error, stdout) => {
      if (error) reject(new Error(`${command} failed: ${error.message}`));
      else resolve(stdout);
    });
  });
}

/** `_NET_ACTIVE_WINDOW(WINDOW): window id # 0x3a00007` → `0x3a00007` (none for `0x0`). */
export function parseActiveWindowId(output: string): string | null {
  const id = /#\s*(0x[0-9a-f]+)/i.exec(output)?.[1];
  return id && Number.parseInt(id, 16) !== 0 ? id : null;
}

function xpropString(output: string, property: string): string[] {
  const line = output.split('\n').find((l) => l.startsWith(`${property}(`));
  if (!line) return [];
  const values: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  for (let match = re.exec(line); match; match = re.exec(line)) {
    values.push(match[1]!.replace(/\\(.)/g, '$1'));
  }
  return values;
}

/** WM_CLASS's class part names the application; `_NET_WM_NAME` (UTF-8) is the title. */
export function parseWindowProperties(output: string): ForegroundActivity | null {
  const wmClass = xpropString(output, 'WM_CLASS');
  const app = wmClass[1] ?? wmClass[0];
  if (!app) return null;
  const title = xpropString(output, '_NET_WM_NAME')[0] ?? xpropString(output, 'WM_NAME')[0];
  return title ? { app, title } : { app };
}

/** X11 through `xprop` (package x11-utils). Wayland hides other windows: this reports nothing. */
export class XpropActivitySource implements ActivitySource {
  async current(): Promise<ForegroundActivity | null> {
    const id = parseActiveWindowId(await run('xprop', ['-root', '_NET_ACTIVE_WINDOW']));
    if (id === null) return null;
    return parseWindowProperties(
      await run('xprop', ['-id', id, 'WM_CLASS', '_NET_WM_NAME', 'WM_NAME']),
    );
  }
}

/** `xprintidle` prints milliseconds since the last input; without it nobody is ever idle. */
export class XprintidleIdleSource implements IdleSource {
  private warned = false;

  constructor(private readonly logger: Logger) {}

  async idleSeconds(): Promise<number> {
    try {
      const ms = Number.parseInt((await run('xprintidle', [])).trim(), 10);
      return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
    } catch (error) {
      if (!this.warned) {
        this.logger.warn('xprintidle is not available; idle time is not detected', {
          error: String(error),
        });
        this.warned = true;
      }
      return 0;
    }
  }
}
