import type { ActivitySource, ForegroundActivity, IdleSource, Logger } from '../ports.js';
import {
  ATOM_STRING,
  ATOM_WINDOW,
  ATOM_WM_CLASS,
  ATOM_WM_NAME,
  BAD_WINDOW,
  X11Connection,
  X11Error,
} from './x11-wire.js';

/** `WM_CLASS` is "instance\0class\0": the class names the application (as xprop's second value). */
export function classOf(data: Buffer): string | null {
  const parts = data.toString('latin1').split('\0');
  const app = parts[1] || parts[0];
  return app ? app : null;
}

/** STRING is Latin-1 by the book, but many programs write UTF-8 into it. */
export function latin1OrUtf8(data: Buffer): string {
  const utf8 = data.toString('utf8');
  return utf8.includes('\uFFFD') ? data.toString('latin1') : utf8;
}

const GR_CHARSETS: Record<string, string> = {
  A: 'iso-8859-1',
  B: 'iso-8859-2',
  C: 'iso-8859-3',
  D: 'iso-8859-4',
  F: 'iso-8859-7',
  G: 'iso-8859-6',
  H: 'iso-8859-8',
  L: 'iso-8859-5',
  M: 'iso-8859-9',
};

function decodeWith(charset: string, bytes: Buffer): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/**
 * COMPOUND_TEXT, as older (Xt) programs set WM_NAME: ISO 2022 with Latin-1 by default, the other
 * ISO 8859 parts designated into the right half, and UTF-8 segments (ESC % G … ESC % @). Other
 * designations (the CJK multi-byte sets) are left out rather than shown as garbage.
 */
export function decodeCompoundText(data: Buffer): string {
  let out = '';
  let gr = 'iso-8859-1';
  let skip = false;
  let i = 0;
  while (i < data.length) {
    if (data[i] === 0x1b) {
      const rest = data.subarray(i + 1, i + 4).toString('latin1');
      if (rest.startsWith('%G')) {
        const end = data.indexOf('%@', i + 3, 'latin1');
        const stop = end < 0 ? data.length : end;
        out += data.subarray(i + 3, stop).toString('utf8');
        i = end < 0 ? data.length : end + 3;
        continue;
      }
      if (rest.startsWith('-') && rest[1] !== undefined) {
        gr = GR_CHARSETS[rest[1]] ?? '';
        i += 3;
        continue;
      }
      if (rest.startsWith('(B')) {
        skip = false;
        i += 3;
        continue;
      }
      // Another designation (a multi-byte set): its text is skipped until ASCII comes back.
      skip = true;
      let j = i + 1;
      while (j < data.length && data[j]! >= 0x20 && data[j]! <= 0x2f) j++;
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < data.length && data[j] !== 0x1b) j++;
    const run = data.subarray(i, j);
    if (!skip) {
      for (let k = 0; k < run.length;) {
        let m = k;
        const high = run[k]! >= 0x80;
        while (m < run.length && run[m]! >= 0x80 === high) m++;
        const part = run.subarray(k, m);
        out += high ? (gr ? decodeWith(gr, part) : '') : part.toString('latin1');
        k = m;
      }
    }
    i = j;
  }
  return out;
}

/**
 * What is in front and how long there was no input, asked of the X server over one connection
 * (see x11-wire.ts). The connection is opened on first use and again after it broke (the X server
 * restarted, the session ended).
 */
export class X11Source implements ActivitySource, IdleSource {
  private connection: Promise<X11Connection> | null = null;
  private screenSaver: number | null | undefined;
  private warnedNoIdle = false;

  constructor(
    private readonly logger: Logger,
    private readonly display = process.env.DISPLAY,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private async open(): Promise<X11Connection> {
    if (this.connection) {
      const existing = await this.connection.catch(() => null);
      if (existing?.isOpen) return existing;
    }
    this.screenSaver = undefined;
    this.connection = X11Connection.open(this.display, this.env);
    return this.connection;
  }

  /** Each question gets this long; a server that does not answer is dropped and asked afresh. */
  private async timed<T>(work: () => Promise<T>, ms = 2000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.close();
        reject(new Error('the X server did not answer in time'));
      }, ms);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  current(): Promise<ForegroundActivity | null> {
    return this.timed(() => this.ask());
  }

  idleSeconds(): Promise<number> {
    return this.timed(() => this.askIdle());
  }

  private async ask(): Promise<ForegroundActivity | null> {
    const x = await this.open();
    const active = await x.getProperty(
      x.root,
      await x.internAtom('_NET_ACTIVE_WINDOW'),
      ATOM_WINDOW,
      4,
    );
    const window = active && active.data.length >= 4 ? active.data.readUInt32LE(0) : 0;
    if (window === 0) return null;
    try {
      const wmClass = await x.getProperty(window, ATOM_WM_CLASS, ATOM_STRING, 1024);
      const app = wmClass ? classOf(wmClass.data) : null;
      if (!app) return null;
      // _NET_WM_NAME is UTF-8 whatever type it was written with (xdotool writes STRING).
      const utf8 = await x.getProperty(window, await x.internAtom('_NET_WM_NAME'));
      let title = utf8 ? utf8.data.toString('utf8') : '';
      if (!title) {
        const legacy = await x.getProperty(window, ATOM_WM_NAME);
        if (legacy) {
          title =
            legacy.type === (await x.internAtom('COMPOUND_TEXT'))
              ? decodeCompoundText(legacy.data)
              : legacy.type === ATOM_STRING
                ? latin1OrUtf8(legacy.data)
                : legacy.data.toString('utf8');
        }
      }
      return title ? { app, title } : { app };
    } catch (error) {
      // The window closed between two questions: nothing is in front for this sample.
      if (error instanceof X11Error && error.code === BAD_WINDOW) return null;
      throw error;
    }
  }

  private async askIdle(): Promise<number> {
    const x = await this.open();
    if (this.screenSaver === undefined) {
      this.screenSaver = await x.queryExtension('MIT-SCREEN-SAVER');
    }
    if (this.screenSaver === null) {
      if (!this.warnedNoIdle) {
        this.logger.warn('the X server lacks MIT-SCREEN-SAVER: idle time is not detected');
        this.warnedNoIdle = true;
      }
      return 0;
    }
    return (await x.msSinceInput(this.screenSaver)) / 1000;
  }

  close(): void {
    void this.connection?.then(
      (x) => x.close(),
      () => undefined,
    );
    this.connection = null;
  }
}
