import type { SettingsView, StatusView, TrayState } from '../shared/ipc.js';
import type { AgentStatus } from './agent.js';

/** What the tray and the status page show, from the agent's status. */
export function toStatusView(status: AgentStatus): StatusView {
  let state: TrayState;
  if (status.pendingNotice !== null) state = 'notice-pending';
  else if (status.tracking === 'paused') state = 'paused';
  else if (status.tracking !== 'tracking') state = 'stopped';
  else if (status.upload.state === 'offline' || status.upload.state === 'backoff')
    state = 'offline';
  else state = 'tracking';
  return {
    state,
    detail: status.tracking,
    enrolled: status.tracking !== 'not-enrolled',
    queued: status.spool.queued,
    dropped: status.spool.dropped,
    rejected: status.spool.rejected,
    lastUploadAt:
      status.upload.lastSuccessAt === null
        ? null
        : new Date(status.upload.lastSuccessAt).toISOString(),
    paused: status.pause.paused,
    pauseRemainingMinutes: Math.floor(status.pause.remainingMs / 60_000),
    serverUrl: status.serverUrl,
    employeeEmail: status.employeeEmail,
  };
}

export function toSettingsView(status: AgentStatus, startAtLogin: boolean): SettingsView {
  return {
    serverUrl: status.serverUrl,
    employeeEmail: status.employeeEmail,
    enrolled: status.tracking !== 'not-enrolled',
    startAtLogin,
  };
}
