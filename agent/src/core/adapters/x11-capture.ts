import type { Logger, ScreenCapture } from '../ports.js';
import { zpixmapToRgba, type PixelLayout, type RgbaImage } from '../screenshots/raster.js';
import { X11Connection, type ScreenInfo } from './x11-wire.js';

const TRUE_COLOR = 4;
const DIRECT_COLOR = 5;
/** Each GetImage reply stays below this (the whole screen is read in strips of rows). */
export const STRIP_BYTES = 4 * 1024 * 1024;

/** How the root window's pixels are laid out, or why this client cannot read them. */
export function pixelLayout(screen: ScreenInfo): PixelLayout | string {
  if (screen.visualClass !== TRUE_COLOR && screen.visualClass !== DIRECT_COLOR) {
    return `the root visual is not TrueColor (class ${screen.visualClass})`;
  }
  const bits = screen.bitsPerPixel;
  if (bits !== 16 && bits !== 24 && bits !== 32) {
    return `${bits} bits per pixel are not supported`;
  }
  const rowBits = screen.width * bits;
  const pad = screen.scanlinePad || 32;
  return {
    bitsPerPixel: bits,
    stride: (Math.ceil(rowBits / pad) * pad) / 8,
    msbFirst: screen.msbFirst,
    redMask: screen.redMask,
    greenMask: screen.greenMask,
    blueMask: screen.blueMask,
  };
}

/**
 * The X server's screen, read over the X protocol (GetImage on the root window, ZPixmap): what is
 * shown, windows included, without a helper program. Its own connection, apart from the one that
 * asks for the window in front every few seconds, since a screen image takes a while to arrive.
 */
export class X11ScreenCapture implements ScreenCapture {
  private connection: Promise<X11Connection> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly display = process.env.DISPLAY,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly timeoutMs = 15_000,
    private readonly stripBytes = STRIP_BYTES,
  ) {}

  private async open(): Promise<X11Connection> {
    if (this.connection) {
      const existing = await this.connection.catch(() => null);
      if (existing?.isOpen) return existing;
    }
    this.connection = X11Connection.open(this.display, this.env);
    return this.connection;
  }

  async capture(): Promise<RgbaImage | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.close();
        reject(new Error('the X server did not send the screen in time'));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([this.read(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(): Promise<RgbaImage | null> {
    const x = await this.open();
    const screen = x.screen;
    if (screen === null) throw new Error('the X server did not describe its screen');
    const layout = pixelLayout(screen);
    if (typeof layout === 'string') {
      this.logger.warn('screenshots are not possible on this display', { reason: layout });
      return null;
    }
    const { width, height } = screen;
    const data = Buffer.alloc(width * height * 4);
    const rowsPerStrip = Math.max(1, Math.floor(this.stripBytes / layout.stride));
    for (let y = 0; y < height; y += rowsPerStrip) {
      const rows = Math.min(rowsPerStrip, height - y);
      const strip = await x.getImage(x.root, 0, y, width, rows);
      if (strip.data.length < layout.stride * rows) {
        throw new Error(`short GetImage reply: ${strip.data.length} bytes for ${rows} rows`);
      }
      zpixmapToRgba(strip.data, width, rows, layout).data.copy(data, y * width * 4);
    }
    return { width, height, data };
  }

  close(): void {
    void this.connection?.then(
      (x) => x.close(),
      () => undefined,
    );
    this.connection = null;
  }
}
