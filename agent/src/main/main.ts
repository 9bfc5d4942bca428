import { mkdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, powerMonitor } from 'electron';
import { MacForegroundSource } from '../core/adapters/macos.js';
import { WindowsForegroundSource } from '../core/adapters/windows.js';
import { X11ScreenCapture } from '../core/adapters/x11-capture.js';
import { X11Source } from '../core/adapters/x11-native.js';
import { Agent } from '../core/agent.js';
import { isLinuxAutostartEnabled, setLinuxAutostart } from '../core/autostart.js';
import { systemClock } from '../core/clock.js';
import { loadConfig, saveConfig } from '../core/config.js';
import { describeDisplay } from '../core/display.js';
import { enrollDevice } from '../core/enrollment.js';
import { FetchTransport } from '../core/http-transport.js';
import { jsonLogger } from '../core/logger.js';
import { noticeLanguage } from '../core/notice.js';
import type { ActivitySource, ScreenCapture } from '../core/ports.js';
import { provisioningPaths, readProvisioning } from '../core/provisioning.js';
import { SqliteSpool } from '../core/spool/sqlite-spool.js';
import { toSettingsView, toStatusView } from '../core/status-view.js';
import type { ActionResult, EnrollInput, ScreenshotView } from '../shared/ipc.js';
import { trayLabels } from '../shared/tray-labels.js';
import {
  DesktopCapturerScreen,
  notifyScreenshot,
  powerMonitorIdle,
  SafeStorageSecretStore,
} from './electron-adapters.js';
import { registerHandlers } from './ipc.js';
import { AgentTray } from './tray.js';
import { allWindows, closePage, registerScheme, serveRenderer, showPage } from './windows.js';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preload = join(here, '..', 'preload', 'preload.cjs');
const assets = join(here, '..', 'assets');
const logger = jsonLogger();

function foregroundSource(): ActivitySource {
  if (process.platform === 'win32') return new WindowsForegroundSource();
  if (process.platform === 'darwin') return new MacForegroundSource();
  // Linux: the X server asked directly (no xprop needed); idle comes from Electron's powerMonitor.
  return new X11Source(logger);
}

/** X11 is read over the X protocol; Wayland lets no program read the screen unasked: none there. */
function screenCapture(): ScreenCapture | null {
  if (process.platform === 'win32' || process.platform === 'darwin') {
    return new DesktopCapturerScreen();
  }
  return describeDisplay(process.env).session === 'x11' ? new X11ScreenCapture(logger) : null;
}

const xdgConfig = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');

function startsAtLogin(): boolean {
  return process.platform === 'linux'
    ? isLinuxAutostartEnabled(xdgConfig)
    : app.getLoginItemSettings().openAtLogin;
}

function setStartAtLogin(enabled: boolean): void {
  // The AppImage path is the stable one when run from an AppImage.
  if (process.platform === 'linux') {
    setLinuxAutostart(xdgConfig, process.env.APPIMAGE ?? process.execPath, enabled);
  } else app.setLoginItemSettings({ openAtLogin: enabled });
}

function fail(error: unknown): ActionResult {
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

async function start(): Promise<void> {
  const home = app.getPath('userData');
  mkdirSync(home, { recursive: true });
  const configFile = join(home, 'config.json');
  let config = loadConfig(configFile);
  const spool = new SqliteSpool(join(home, 'spool.sqlite'), config.spool);
  const secrets = new SafeStorageSecretStore(join(home, 'secrets.bin'));
  const transport = new FetchTransport();

  const enroll = async (input: EnrollInput): Promise<void> => {
    config = await enrollDevice(input, config, transport, secrets);
    saveConfig(configFile, config);
    Object.assign(agent.config, config);
    await agent.reloadCredentials();
    await agent.refreshFromServer();
  };

  const agent = await Agent.create({
    config,
    activity: foregroundSource(),
    idle: powerMonitorIdle,
    clock: systemClock,
    spool,
    secrets,
    transport,
    logger,
    language: noticeLanguage(app.getLocale()),
    screen: screenCapture(),
    onScreenshot: (shot) => {
      const labels = trayLabels(app.getLocale());
      logger.info('screenshot taken', { id: shot.id });
      notifyScreenshot(shot, { title: labels.screenshotTitle, body: labels.screenshotBody });
    },
  });

  if (agent.trackingState(Date.now()) === 'not-enrolled') {
    const provisioned = readProvisioning(
      provisioningPaths(process.platform, process.env),
      userInfo().username,
    );
    if (provisioned) await enroll(provisioned).catch((e: unknown) => logger.error(String(e)));
  }

  const status = () => toStatusView(agent.status());
  const tray = new AgentTray(
    assets,
    {
      showStatus: () => showPage('status', preload),
      showSettings: () => showPage('settings', preload),
      showNotice: () => showPage('notice', preload),
      togglePause: () => void (status().paused ? agent.resume() : agent.pause()).then(publish),
      quit: () => app.quit(),
    },
    app.getLocale(),
  );
  let shownNotice: string | null = null;
  function publish(): void {
    const view = status();
    tray.update(view);
    for (const window of allWindows()) window.webContents.send('status:changed', view);
    // The notice window on first run and for every new version.
    const pending = agent.notice.pending();
    if (pending && shownNotice !== String(pending.version)) {
      shownNotice = String(pending.version);
      showPage('notice', preload);
    }
  }

  registerHandlers({
    'status:get': () => status(),
    'notice:get': () => {
      const known = agent.notice.knowledge();
      return known.kind === 'notice' ? known.notice : null;
    },
    'notice:acknowledge': async ({ version }) => {
      try {
        await agent.notice.acknowledge(version);
        publish();
        setTimeout(() => closePage('notice'), 1500);
        return { ok: true };
      } catch (error) {
        return fail(error);
      }
    },
    'pause:set': async ({ paused }) => {
      if (!paused) await agent.resume();
      else if (!(await agent.pause())) return fail('no private time left today');
      publish();
      return { ok: true };
    },
    'settings:get': () => toSettingsView(agent.status(), startsAtLogin()),
    'settings:enroll': async (input) => {
      try {
        await enroll(input);
        publish();
        return { ok: true };
      } catch (error) {
        return fail(error);
      }
    },
    'settings:start-at-login': ({ enabled }) => {
      try {
        setStartAtLogin(enabled);
        return { ok: true };
      } catch (error) {
        return fail(error);
      }
    },
    'screenshots:list': () =>
      agent.screenshots.list().map((shot): ScreenshotView => ({
        id: shot.id,
        capturedAt: new Date(shot.capturedAt).toISOString(),
        width: shot.width,
        height: shot.height,
        state: shot.state,
      })),
    'screenshots:delete': async ({ id }) => {
      const outcome = await agent.screenshots.delete(id);
      return outcome.ok ? { ok: true } : { ok: false, error: outcome.detail };
    },
  });

  const suspend = (value: boolean) => () => void agent.setSuspended(value).then(publish);
  powerMonitor.on('suspend', suspend(true));
  powerMonitor.on('lock-screen', suspend(true));
  powerMonitor.on('resume', suspend(false));
  powerMonitor.on('unlock-screen', suspend(false));

  const controller = new AbortController();
  const loops = Promise.all([
    agent.sample(controller.signal),
    agent.uploader.run(controller.signal),
    agent.watchServer(controller.signal),
    agent.screenshots.run(controller.signal),
    agent.screenshotUploader.run(controller.signal),
  ]);
  const timer = setInterval(publish, 2000);
  publish();
  if (agent.trackingState(Date.now()) === 'not-enrolled') showPage('settings', preload);

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    clearInterval(timer);
    controller.abort();
    void loops.finally(() => {
      agent.shutdown();
      spool.close();
      app.exit(0);
    });
  });
}

if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  registerScheme();
  // A tray app: closing its windows does not quit it.
  app.on('window-all-closed', () => undefined);
  void app.whenReady().then(async () => {
    serveRenderer(rendererDir);
    await start();
  });
}
