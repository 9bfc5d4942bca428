import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';

/**
 * A small X11 protocol client: enough to ask the X server which window is in front, its class and
 * title, and how long there has been no input (the MIT-SCREEN-SAVER extension). It needs no
 * library and no helper program (xprop, xprintidle), and keeps one connection open instead of
 * starting processes every few seconds.
 */

export interface DisplayAddress {
  /** Unix socket path, or TCP host and port. */
  path?: string;
  host?: string;
  port?: number;
  /** The display number as written in the Xauthority file. */
  number: string;
}

/** `:0`, `:1.0`, `unix:2`, `localhost:10.0`, `/tmp/.X11-unix/X0`-style paths (XQuartz). */
export function parseDisplay(display: string): DisplayAddress {
  const colon = display.lastIndexOf(':');
  if (colon < 0) throw new Error(`DISPLAY "${display}" has no display number`);
  const host = display.slice(0, colon);
  const number = display.slice(colon + 1).split('.')[0] ?? '';
  if (!/^\d+$/.test(number)) throw new Error(`DISPLAY "${display}" has no display number`);
  if (host.startsWith('/')) return { path: display, number };
  if (host === '' || host === 'unix') return { path: `/tmp/.X11-unix/X${number}`, number };
  return { host, port: 6000 + Number(number), number };
}

export interface XauthEntry {
  family: number;
  address: string;
  number: string;
  name: string;
  data: Buffer;
}

/** The entries of an Xauthority file (big-endian lengths, as libXau writes them). */
export function parseXauthority(file: Buffer): XauthEntry[] {
  const entries: XauthEntry[] = [];
  let at = 0;
  const field = (): Buffer => {
    if (at + 2 > file.length) throw new Error('truncated');
    const length = file.readUInt16BE(at);
    const value = file.subarray(at + 2, at + 2 + length);
    if (value.length < length) throw new Error('truncated');
    at += 2 + length;
    return value;
  };
  try {
    while (at < file.length) {
      if (at + 2 > file.length) break;
      const family = file.readUInt16BE(at);
      at += 2;
      const address = field().toString('latin1');
      const number = field().toString('latin1');
      const name = field().toString('latin1');
      const data = Buffer.from(field());
      entries.push({ family, address, number, name, data });
    }
  } catch {
    // A torn last entry: use the ones before it.
  }
  return entries;
}

const FAMILY_LOCAL = 256;
const FAMILY_WILD = 65535;
const COOKIE = 'MIT-MAGIC-COOKIE-1';

function cookieFor(address: DisplayAddress, env: NodeJS.ProcessEnv): XauthEntry | null {
  const file = env.XAUTHORITY ?? join(env.HOME ?? homedir(), '.Xauthority');
  let entries: XauthEntry[];
  try {
    entries = parseXauthority(readFileSync(file));
  } catch {
    return null;
  }
  const local = address.path !== undefined || address.host === 'localhost';
  const host = hostname();
  return (
    entries.find(
      (e) =>
        e.name === COOKIE &&
        (e.number === address.number || e.number === '') &&
        (e.family === FAMILY_WILD ||
          (local && e.family === FAMILY_LOCAL && e.address === host) ||
          (!local && e.address === address.host)),
    ) ?? null
  );
}

const pad4 = (n: number): number => (4 - (n % 4)) % 4;

interface Pending {
  sequence: number;
  resolve: (reply: Buffer) => void;
  reject: (error: Error) => void;
}

export class X11Error extends Error {
  constructor(
    readonly code: number,
    readonly majorOpcode: number,
  ) {
    super(`X11 error ${code} for request ${majorOpcode}`);
    this.name = 'X11Error';
  }
}

/** X11 error code for a window that is gone (it closed between two requests). */
export const BAD_WINDOW = 3;

export const ATOM_STRING = 31;
export const ATOM_WINDOW = 33;
export const ATOM_WM_NAME = 39;
export const ATOM_WM_CLASS = 67;

export interface PropertyValue {
  type: number;
  format: number;
  data: Buffer;
}

/** What the setup reply says of the first screen and the pixels of its root window. */
export interface ScreenInfo {
  width: number;
  height: number;
  rootDepth: number;
  rootVisual: number;
  /** 4 TrueColor, 5 DirectColor; others (palettes) have no masks. */
  visualClass: number;
  redMask: number;
  greenMask: number;
  blueMask: number;
  /** ZPixmap bits per pixel and scanline pad (bits) at the root depth. */
  bitsPerPixel: number;
  scanlinePad: number;
  /** The server's image byte order. */
  msbFirst: boolean;
}

export class X11Connection {
  root = 0;
  screen: ScreenInfo | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  /** A message longer than what arrived (a large GetImage reply): its parts, joined once. */
  private parts: Buffer[] = [];
  private partsLength = 0;
  private waitingFor = 0;
  private sequence = 0;
  private readonly pending: Pending[] = [];
  private setup: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private closed: Error | null = null;
  private readonly atoms = new Map<string, number>();

  private constructor(private readonly socket: Socket) {}

  /** Connects to `display` (default `$DISPLAY`) within `timeoutMs`. */
  static async open(
    display = process.env.DISPLAY,
    env: NodeJS.ProcessEnv = process.env,
    timeoutMs = 3000,
  ): Promise<X11Connection> {
    if (!display) throw new Error('DISPLAY is not set: no X server to ask');
    const address = parseDisplay(display);
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s =
        address.path !== undefined ? connect(address.path) : connect(address.port!, address.host);
      const timer = setTimeout(() => {
        s.destroy();
        reject(new Error(`X server ${display} did not answer`));
      }, timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot connect to X server ${display}: ${error.message}`));
      });
    });
    const connection = new X11Connection(socket);
    await connection.handshake(cookieFor(address, env), timeoutMs);
    return connection;
  }

  private handshake(cookie: XauthEntry | null, timeoutMs: number): Promise<void> {
    const name = Buffer.from(cookie ? COOKIE : '', 'latin1');
    const data = cookie ? cookie.data : Buffer.alloc(0);
    const head = Buffer.alloc(12);
    head.writeUInt8(0x6c, 0); // 'l': little-endian
    head.writeUInt16LE(11, 2);
    head.writeUInt16LE(0, 4);
    head.writeUInt16LE(name.length, 6);
    head.writeUInt16LE(data.length, 8);
    const request = Buffer.concat([
      head,
      name,
      Buffer.alloc(pad4(name.length)),
      data,
      Buffer.alloc(pad4(data.length)),
    ]);
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        reject(new Error('X server setup timed out'));
      }, timeoutMs);
      this.setup = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('X server connection closed')));
    this.socket.write(request);
    return done;
  }

  get isOpen(): boolean {
    return this.closed === null;
  }

  close(): void {
    this.socket.destroy();
    this.fail(new Error('closed'));
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.closed = error;
    this.setup?.reject(error);
    this.setup = null;
    for (const p of this.pending.splice(0)) p.reject(error);
  }

  private receive(chunk: Buffer): void {
    if (this.waitingFor > 0) {
      // Joined once when complete, not at every chunk (a screen image is megabytes).
      this.parts.push(chunk);
      this.partsLength += chunk.length;
      if (this.partsLength < this.waitingFor) return;
      this.buffer = Buffer.concat(this.parts);
      this.parts = [];
      this.partsLength = 0;
      this.waitingFor = 0;
    } else {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    }
    for (;;) {
      if (this.setup) {
        if (this.buffer.length < 8) return;
        const total = 8 + this.buffer.readUInt16LE(6) * 4;
        if (this.buffer.length < total) return;
        const reply = this.buffer.subarray(0, total);
        this.buffer = this.buffer.subarray(total);
        this.finishSetup(reply);
        continue;
      }
      if (this.buffer.length < 32) return;
      const kind = this.buffer.readUInt8(0);
      // Replies and generic events (35) carry a length; errors and other events are 32 bytes.
      const long = kind === 1 || (kind & 0x7f) === 35;
      const total = long ? 32 + this.buffer.readUInt32LE(4) * 4 : 32;
      if (this.buffer.length < total) {
        if (total > 65_536) {
          this.waitingFor = total;
          this.parts = [this.buffer];
          this.partsLength = this.buffer.length;
          this.buffer = Buffer.alloc(0);
        }
        return;
      }
      const message = Buffer.from(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
      if (kind > 1) continue; // an event: none is selected, but a window manager may send some
      const sequence = message.readUInt16LE(2);
      // Requests are answered in order: anything older than this answer had none (cannot happen
      // for the requests used here, which all have replies), so drop it.
      while (this.pending.length > 0 && this.pending[0]!.sequence !== sequence) {
        this.pending.shift()!.reject(new Error('X11 request got no reply'));
      }
      const waiting = this.pending.shift();
      if (!waiting) continue;
      if (kind === 1) waiting.resolve(message);
      else waiting.reject(new X11Error(message.readUInt8(1), message.readUInt8(10)));
    }
  }

  private finishSetup(reply: Buffer): void {
    const setup = this.setup!;
    this.setup = null;
    const status = reply.readUInt8(0);
    if (status !== 1) {
      const reason =
        status === 0
          ? reply.subarray(8, 8 + reply.readUInt8(1)).toString('latin1')
          : 'the server asks for more authentication';
      setup.reject(new Error(`X server refused the connection: ${reason.trim()}`));
      return;
    }
    const vendorLength = reply.readUInt16LE(24);
    const formats = reply.readUInt8(29);
    const formatsAt = 40 + vendorLength + pad4(vendorLength);
    const screens = formatsAt + formats * 8;
    this.root = reply.readUInt32LE(screens);
    try {
      this.screen = parseScreen(reply, formatsAt, formats, screens);
    } catch {
      // A setup reply this client cannot read further: windows and idle still work.
      this.screen = null;
    }
    setup.resolve();
  }

  private request(body: Buffer): Promise<Buffer> {
    if (this.closed) return Promise.reject(this.closed);
    body.writeUInt16LE(body.length / 4, 2);
    this.sequence = (this.sequence + 1) & 0xffff;
    const sequence = this.sequence;
    return new Promise((resolve, reject) => {
      this.pending.push({ sequence, resolve, reject });
      this.socket.write(body);
    });
  }

  async internAtom(name: string): Promise<number> {
    const known = this.atoms.get(name);
    if (known !== undefined) return known;
    const bytes = Buffer.from(name, 'latin1');
    const body = Buffer.alloc(8 + bytes.length + pad4(bytes.length));
    body.writeUInt8(16, 0);
    body.writeUInt8(0, 1); // create it if it does not exist
    body.writeUInt16LE(bytes.length, 4);
    bytes.copy(body, 8);
    const atom = (await this.request(body)).readUInt32LE(8);
    this.atoms.set(name, atom);
    return atom;
  }

  /** The property's value, or null when the window has none. At most `maxBytes` are read. */
  async getProperty(
    window: number,
    property: number,
    type = 0,
    maxBytes = 4096,
  ): Promise<PropertyValue | null> {
    const body = Buffer.alloc(24);
    body.writeUInt8(20, 0);
    body.writeUInt32LE(window, 4);
    body.writeUInt32LE(property, 8);
    body.writeUInt32LE(type, 12);
    body.writeUInt32LE(0, 16);
    body.writeUInt32LE(Math.ceil(maxBytes / 4), 20);
    const reply = await this.request(body);
    const format = reply.readUInt8(1);
    const actualType = reply.readUInt32LE(8);
    if (actualType === 0 || format === 0) return null;
    const length = reply.readUInt32LE(16) * (format / 8);
    return { type: actualType, format, data: reply.subarray(32, 32 + length) };
  }

  /** The major opcode of an extension, or null when the server lacks it. */
  async queryExtension(name: string): Promise<number | null> {
    const bytes = Buffer.from(name, 'latin1');
    const body = Buffer.alloc(8 + bytes.length + pad4(bytes.length));
    body.writeUInt8(98, 0);
    body.writeUInt16LE(bytes.length, 4);
    bytes.copy(body, 8);
    const reply = await this.request(body);
    return reply.readUInt8(8) === 1 ? reply.readUInt8(9) : null;
  }

  /** GetImage in ZPixmap format: the rows of a rectangle of `drawable`, as the server lays them out. */
  async getImage(
    drawable: number,
    x: number,
    y: number,
    width: number,
    height: number,
  ): Promise<{ depth: number; visual: number; data: Buffer }> {
    const body = Buffer.alloc(20);
    body.writeUInt8(73, 0);
    body.writeUInt8(2, 1); // ZPixmap
    body.writeUInt32LE(drawable, 4);
    body.writeInt16LE(x, 8);
    body.writeInt16LE(y, 10);
    body.writeUInt16LE(width, 12);
    body.writeUInt16LE(height, 14);
    body.writeUInt32LE(0xffffffff, 16);
    const reply = await this.request(body);
    return {
      depth: reply.readUInt8(1),
      visual: reply.readUInt32LE(8),
      data: reply.subarray(32),
    };
  }

  /** MIT-SCREEN-SAVER's QueryInfo: milliseconds since the last keyboard or pointer input. */
  async msSinceInput(screenSaverOpcode: number): Promise<number> {
    const body = Buffer.alloc(8);
    body.writeUInt8(screenSaverOpcode, 0);
    body.writeUInt8(1, 1);
    body.writeUInt32LE(this.root, 4);
    return (await this.request(body)).readUInt32LE(16);
  }
}

/** The first screen of a setup reply: its size, root visual and how its pixels are laid out. */
function parseScreen(reply: Buffer, formatsAt: number, formats: number, at: number): ScreenInfo {
  const rootVisual = reply.readUInt32LE(at + 32);
  const rootDepth = reply.readUInt8(at + 38);
  const depths = reply.readUInt8(at + 39);
  let visual: { visualClass: number; red: number; green: number; blue: number } | null = null;
  let d = at + 40;
  for (let i = 0; i < depths; i += 1) {
    const visuals = reply.readUInt16LE(d + 2);
    for (let v = 0; v < visuals; v += 1) {
      const vt = d + 8 + v * 24;
      if (reply.readUInt32LE(vt) === rootVisual) {
        visual = {
          visualClass: reply.readUInt8(vt + 4),
          red: reply.readUInt32LE(vt + 8),
          green: reply.readUInt32LE(vt + 12),
          blue: reply.readUInt32LE(vt + 16),
        };
      }
    }
    d += 8 + visuals * 24;
  }
  let bitsPerPixel = rootDepth;
  let scanlinePad = 32;
  for (let f = 0; f < formats; f += 1) {
    const fa = formatsAt + f * 8;
    if (reply.readUInt8(fa) === rootDepth) {
      bitsPerPixel = reply.readUInt8(fa + 1);
      scanlinePad = reply.readUInt8(fa + 2);
    }
  }
  return {
    width: reply.readUInt16LE(at + 20),
    height: reply.readUInt16LE(at + 22),
    rootDepth,
    rootVisual,
    visualClass: visual?.visualClass ?? 0,
    redMask: visual?.red ?? 0,
    greenMask: visual?.green ?? 0,
    blueMask: visual?.blue ?? 0,
    bitsPerPixel,
    scanlinePad,
    msbFirst: reply.readUInt8(30) === 1,
  };
}
