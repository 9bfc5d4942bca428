import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  INVOKE_CHANNELS,
  INVOKE_VALIDATORS,
  type InvokeChannel,
  type InvokeContract,
} from '../shared/ipc.js';
import { isAppUrl } from './windows.js';

export type Handlers = {
  [C in InvokeChannel]: (
    request: InvokeContract[C]['request'],
  ) => Promise<InvokeContract[C]['response']> | InvokeContract[C]['response'];
};

/** Every channel of the contract, each payload validated, only from the agent's own pages. */
export function registerHandlers(handlers: Handlers): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(frameUrl)) throw new Error(`IPC from an unexpected page: ${frameUrl}`);
      const validate = INVOKE_VALIDATORS[channel] as (p: unknown) => boolean;
      if (!validate(payload)) throw new Error(`invalid payload on ${channel}`);
      const handler = handlers[channel] as (request: unknown) => unknown;
      return handler(payload ?? null);
    });
  }
}
