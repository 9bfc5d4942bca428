import { join } from 'node:path';
import { Menu, Tray, nativeImage } from 'electron';
import type { StatusView, TrayState } from '../shared/ipc.js';
import { trayLabels, type TrayLabels } from '../shared/tray-labels.js';

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
  private readonly labels: TrayLabels;

  constructor(
    private readonly assets: string,
    private readonly actions: TrayActions,
    locale: string,
  ) {
    this.labels = trayLabels(locale);
    this.tray = new Tray(this.icon('stopped'));
    this.tray.on('click', () => actions.showStatus());
  }

  update(status: StatusView): void {
    const key = JSON.stringify([status.state, status.queued, status.paused, status.enrolled]);
    if (key === this.last) return;
    this.last = key;
    this.tray.setImage(this.icon(status.state));
    const l = this.labels;
    const summary = `${l.states[status.state]} · ${status.queued} ${l.queued}`;
    this.tray.setToolTip(`CallTimeX: ${summary}`);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: summary, enabled: false },
        { type: 'separator' },
        { label: l.status, click: () => this.actions.showStatus() },
        {
          label: status.paused ? l.resume : l.pause,
          enabled: status.enrolled,
          click: () => this.actions.togglePause(),
        },
        { label: l.notice, click: () => this.actions.showNotice() },
        { label: l.settings, click: () => this.actions.showSettings() },
        { type: 'separator' },
        { label: l.quit, click: () => this.actions.quit() },
      ]),
    );
  }

  private icon(state: TrayState): Electron.NativeImage {
    return nativeImage.createFromPath(join(this.assets, `tray-${state}.png`));
  }
}
