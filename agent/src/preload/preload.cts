// Sandboxed preload: it may require only `electron`, so it carries no code of its own beyond this
// narrow bridge. Channel names are checked against the contract in shared/ipc.ts at compile time.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  AgentBridge,
  EventChannel,
  InvokeChannel,
  InvokeContract,
  StatusView,
} from '../shared/ipc.js' with { 'resolution-mode': 'import' };

function invoke<C extends InvokeChannel>(
  channel: C,
  request: InvokeContract[C]['request'],
): Promise<InvokeContract[C]['response']> {
  return ipcRenderer.invoke(channel, request) as Promise<InvokeContract[C]['response']>;
}

const statusChannel: EventChannel = 'status:changed';

const bridge: AgentBridge = {
  getStatus: () => invoke('status:get', null),
  getNotice: () => invoke('notice:get', null),
  acknowledgeNotice: (version) => invoke('notice:acknowledge', { version }),
  setPaused: (paused) => invoke('pause:set', { paused }),
  getSettings: () => invoke('settings:get', null),
  enroll: (input) =>
    invoke('settings:enroll', {
      serverUrl: input.serverUrl,
      enrollmentToken: input.enrollmentToken,
      employeeEmail: input.employeeEmail,
    }),
  setStartAtLogin: (enabled) => invoke('settings:start-at-login', { enabled }),
  listScreenshots: () => invoke('screenshots:list', null),
  deleteScreenshot: (id) => invoke('screenshots:delete', { id }),
  onStatus: (listener) => {
    const handler = (_event: IpcRendererEvent, status: StatusView): void => listener(status);
    ipcRenderer.on(statusChannel, handler);
    return () => {
      ipcRenderer.removeListener(statusChannel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('calltimex', bridge);
