// A stand-in for the `electron` module (jest maps the specifier here): records what the shell asks
// of Electron, so that main/ can be tested in Node. It is not Electron and loads nothing of it.
type Listener = (...args: unknown[]) => unknown;

export const recorded = {
  handlers: new Map<string, Listener>(),
  protocolHandlers: new Map<string, (request: { url: string }) => unknown>(),
  fetched: [] as string[],
  windows: [] as Array<{ options: Record<string, unknown>; loaded: string[] }>,
};

export const ipcMain = {
  handle: (channel: string, listener: Listener) => recorded.handlers.set(channel, listener),
};

export const protocol = {
  registerSchemesAsPrivileged: () => undefined,
  handle: (scheme: string, handler: (request: { url: string }) => unknown) =>
    recorded.protocolHandlers.set(scheme, handler),
};

export const net = {
  fetch: (url: string) => {
    recorded.fetched.push(url);
    return Promise.resolve(new Response('ok'));
  },
};

export const shell = { openExternal: () => Promise.resolve() };

export class BrowserWindow {
  readonly webContents = {
    on: () => undefined,
    setWindowOpenHandler: () => undefined,
    send: () => undefined,
  };
  private readonly record: { options: Record<string, unknown>; loaded: string[] };

  constructor(options: Record<string, unknown>) {
    this.record = { options, loaded: [] };
    recorded.windows.push(this.record);
  }

  once(): void {}
  on(): void {}
  show(): void {}
  focus(): void {}
  close(): void {}
  isDestroyed(): boolean {
    return false;
  }
  loadURL(url: string): Promise<void> {
    this.record.loaded.push(url);
    return Promise.resolve();
  }
}
