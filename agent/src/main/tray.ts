import { join } from 'node:path';
import { Menu, Tray, nativeImage } from 'electron';
import type { StatusView, TrayState } from '../shared/ipc.js';

const LABELS: Record<TrayState, string> = {
  tracking: 'Recording',
  paused: 'Paused',
  offline: 'Offline',
  'notice-pending': 'Notice to read',
  stopped: 'Not recording',
};

export interface TrayActions {
  showStatus(): void;
  showSettings(): void;
  showNotice(): void;
  togglePause(): void;
  quit(): void;
}

export class AgentTray {
  private readonly tray: Tray;
  private last = '';

  constructor(
    private readonly assets: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(this.icon('stopped'));
    this.tray.on('click', () => actions.showStatus());
  }

  update(status: StatusView): void {
    const key = JSON.stringify([status.state, status.queued, status.paused, status.enrolled]);
    if (key === this.last) return;
    this.last = key;
    this.tray.setImage(this.icon(status.state));
    this.tray.setToolTip(`CallTimeX: ${LABELS[status.state]} · ${status.queued} queued`);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: `${LABELS[status.state]} · ${status.queued} queued`, enabled: false },
        { type: 'separator' },
        { label: 'Status…', click: () => this.actions.showStatus() },
        {
          label: status.paused ? 'Resume' : 'Pause for private time',
          enabled: status.enrolled,
          click: () => this.actions.togglePause(),
        },
        { label: 'Monitoring notice…', click: () => this.actions.showNotice() },
        { label: 'Settings…', click: () => this.actions.showSettings() },
        { type: 'separator' },
        { label: 'Quit', click: () => this.actions.quit() },
      ]),
    );
  }

  private icon(state: TrayState): Electron.NativeImage {
    return nativeImage.createFromPath(join(this.assets, `tray-${state}.png`));
  }
}
