import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';

/** The programs the X11 tests drive; CI (`.ci/run`) installs them. */
const NEEDED: Array<[program: string, debianPackage: string]> = [
  ['Xvfb', 'xvfb'],
  ['openbox', 'openbox'],
  ['xdotool', 'xdotool'],
  ['xmessage', 'x11-utils'],
  ['xprop', 'x11-utils'],
  ['xwininfo', 'x11-utils'],
];

/** Only the screenshot tests paint the root window. */
const FOR_SCREENSHOTS: Array<[program: string, debianPackage: string]> = [
  ['xsetroot', 'x11-xserver-utils'],
];

function installed(program: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Fails (never skips) with what to install when a program is missing. */
export function requireX11Tools(needed = NEEDED): void {
  const missing = needed.filter(([program]) => !installed(program));
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    throw new Error(
      `The X11 tests need ${missing.map(([p]) => p).join(', ')}: install them with ` +
        `\`apt-get install ${packages}\` (CI's .ci/run does).`,
    );
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: 10_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${error.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

export interface TestWindow {
  id: string;
  close(): void;
}

/** Xvfb on a free display with openbox as window manager, and the tools to act on it. */
export class VirtualDisplay {
  private readonly children: ChildProcess[] = [];
  private serial = 0;

  private constructor(readonly display: string) {}

  get env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: this.display };
    delete env.WAYLAND_DISPLAY;
    delete env.XDG_SESSION_TYPE;
    delete env.XAUTHORITY;
    return env;
  }

  /** `screen`: Xvfb's WIDTHxHEIGHTxDEPTH (16 gives a 5-6-5 TrueColor visual). */
  static async start(screen = '1024x768x24'): Promise<VirtualDisplay> {
    requireX11Tools();
    // -displayfd: Xvfb picks a free display and writes its number on fd 3. -noreset: by default
    // the server resets when its last client leaves, refusing connections meanwhile; the first
    // xprop below could leave before openbox connects, which then exits 1 ("Failed to open the
    // display"), as seen on a loaded CI machine.
    const xvfb = spawn(
      'Xvfb',
      ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp', '-noreset'],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    xvfb.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const number = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${stderr}`)), 60_000);
      (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(out.trim());
        }
      });
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited ${code}: ${stderr}`)));
    });
    const display = new VirtualDisplay(`:${number}`);
    display.children.push(xvfb);
    const wm = spawn('openbox', [], { env: display.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let wmErrors = '';
    wm.stderr.on('data', (d: Buffer) => (wmErrors += d.toString()));
    display.children.push(wm);
    // The window manager is up when it has claimed the root window (slow on a loaded machine).
    const deadline = Date.now() + 60_000;
    try {
      for (;;) {
        const root = await run('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], display.env).catch(
          () => '',
        );
        if (root.includes('window id #')) break;
        if (wm.exitCode !== null) {
          throw new Error(`openbox exited ${wm.exitCode}: ${wmErrors.trim()}`);
        }
        if (Date.now() > deadline) throw new Error('openbox did not start on the virtual display');
        await new Promise((r) => setTimeout(r, 50));
      }
    } catch (error) {
      display.stop();
      throw error;
    }
    return display;
  }

  /** Paints the root window (the desktop behind all windows) one colour, e.g. `#ff8000`. */
  async setRootColour(colour: string): Promise<void> {
    requireX11Tools(FOR_SCREENSHOTS);
    await run('xsetroot', ['-solid', colour], this.env);
  }

  /** Where a window is on the screen, its frame excluded (as xwininfo tells it). */
  async geometry(
    window: TestWindow,
  ): Promise<{ x: number; y: number; width: number; height: number }> {
    const out = await run('xwininfo', ['-id', window.id], this.env);
    const value = (label: string) =>
      Number(new RegExp(`${label}:\\s+(-?\\d+)`).exec(out)?.[1] ?? Number.NaN);
    return {
      x: value('Absolute upper-left X'),
      y: value('Absolute upper-left Y'),
      width: value('Width'),
      height: value('Height'),
    };
  }

  xdotool(...args: string[]): Promise<string> {
    return run('xdotool', args, this.env);
  }

  /** A real X client (xmessage) whose class and title are then set as given. */
  async openWindow(appClass: string, title: string): Promise<TestWindow> {
    const instance = `ctx-${process.pid}-${(this.serial += 1)}`;
    const child = spawn('xmessage', ['-name', instance, `${appClass}: ${title}`], {
      env: this.env,
      stdio: 'ignore',
    });
    this.children.push(child);
    const found = await this.xdotool('search', '--sync', '--classname', `^${instance}$`);
    const id = found.trim().split('\n')[0]!;
    await this.xdotool('set_window', '--class', appClass, '--name', title, id);
    return { id, close: () => child.kill() };
  }

  async focus(window: TestWindow): Promise<void> {
    await this.xdotool('windowactivate', '--sync', window.id);
  }

  async setTitle(window: TestWindow, title: string): Promise<void> {
    await this.xdotool('set_window', '--name', title, window.id);
  }

  /** Pointer input: resets the X server's idle time. */
  async movePointer(x: number, y: number): Promise<void> {
    await this.xdotool('mousemove', String(x), String(y));
  }

  stop(): void {
    for (const child of this.children.reverse()) if (child.exitCode === null) child.kill();
  }
}
