/** An image as 8-bit RGBA rows, top to bottom, no padding. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Buffer;
}

/** How a server lays out the pixels of a ZPixmap image (X11's TrueColor/DirectColor visuals). */
export interface PixelLayout {
  bitsPerPixel: 8 | 16 | 24 | 32;
  /** Bytes per row: the row's bits rounded up to the scanline pad. */
  stride: number;
  msbFirst: boolean;
  redMask: number;
  greenMask: number;
  blueMask: number;
}

function channel(mask: number): { shift: number; max: number } {
  if (mask === 0) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift += 1;
  return { shift, max: mask >>> shift };
}

/** ZPixmap rows (as GetImage returns them) to RGBA, each channel scaled to 8 bits by its mask. */
export function zpixmapToRgba(
  bytes: Buffer,
  width: number,
  height: number,
  layout: PixelLayout,
): RgbaImage {
  const r = channel(layout.redMask);
  const g = channel(layout.greenMask);
  const b = channel(layout.blueMask);
  const bpp = layout.bitsPerPixel / 8;
  const data = Buffer.alloc(width * height * 4);
  const scale = (v: number, c: { max: number }): number =>
    c.max === 0 ? 0 : c.max === 255 ? v : Math.round((v * 255) / c.max);
  // The common case (24-bit colour in 32-bit pixels, little-endian, 0xRRGGBB): copy bytes.
  const bgrx =
    bpp === 4 &&
    !layout.msbFirst &&
    layout.redMask === 0xff0000 &&
    layout.greenMask === 0xff00 &&
    layout.blueMask === 0xff;
  for (let y = 0; y < height; y += 1) {
    let at = y * layout.stride;
    let to = y * width * 4;
    for (let x = 0; x < width; x += 1, at += bpp, to += 4) {
      if (bgrx) {
        data[to] = bytes[at + 2]!;
        data[to + 1] = bytes[at + 1]!;
        data[to + 2] = bytes[at]!;
        data[to + 3] = 255;
        continue;
      }
      let pixel = 0;
      for (let i = 0; i < bpp; i += 1) {
        const byte = bytes[at + i]!;
        pixel = layout.msbFirst ? pixel * 256 + byte : pixel + byte * 2 ** (8 * i);
      }
      data[to] = scale((pixel >>> r.shift) & r.max, r);
      data[to + 1] = scale((pixel >>> g.shift) & g.max, g);
      data[to + 2] = scale((pixel >>> b.shift) & b.max, b);
      data[to + 3] = 255;
    }
  }
  return { width, height, data };
}

/**
 * Scales an image down to at most `maxWidth` pixels wide, keeping its proportions; each target pixel
 * is the average of the source pixels it covers (a box filter: no aliasing of text into noise).
 */
export function downscale(image: RgbaImage, maxWidth: number): RgbaImage {
  if (image.width <= maxWidth) return image;
  const width = Math.max(1, Math.floor(maxWidth));
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  const data = Buffer.alloc(width * height * 4);
  const src = image.data;
  for (let ty = 0; ty < height; ty += 1) {
    const y0 = Math.floor((ty * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * image.height) / height));
    for (let tx = 0; tx < width; tx += 1) {
      const x0 = Math.floor((tx * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * image.width) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = y0; sy < y1; sy += 1) {
        for (let at = (sy * image.width + x0) * 4, end = at + (x1 - x0) * 4; at < end; at += 4) {
          r += src[at]!;
          g += src[at + 1]!;
          b += src[at + 2]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const to = (ty * width + tx) * 4;
      data[to] = Math.round(r / n);
      data[to + 1] = Math.round(g / n);
      data[to + 2] = Math.round(b / n);
      data[to + 3] = 255;
    }
  }
  return { width, height, data };
}

/** BGRA (Chromium's native bitmaps on Windows and macOS) to RGBA, in a new buffer. */
export function bgraToRgba(width: number, height: number, bgra: Buffer): RgbaImage {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i + 3 < data.length; i += 4) {
    data[i] = bgra[i + 2]!;
    data[i + 1] = bgra[i + 1]!;
    data[i + 2] = bgra[i]!;
    data[i + 3] = 255;
  }
  return { width, height, data };
}
