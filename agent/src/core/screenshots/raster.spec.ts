import { bgraToRgba, downscale, zpixmapToRgba } from './raster.js';

describe('pixels', () => {
  it('reads 32-bit little-endian ZPixmap rows with padding', () => {
    // Two pixels a row, 12 bytes a row (4 of padding): red, green / blue, white.
    const rows = Buffer.from([
      0, 0, 255, 0, 0, 255, 0, 0, 9, 9, 9, 9, 255, 0, 0, 0, 255, 255, 255, 0, 9, 9, 9, 9,
    ]);
    const layout = {
      bitsPerPixel: 32,
      stride: 12,
      msbFirst: false,
      redMask: 0xff0000,
      greenMask: 0xff00,
      blueMask: 0xff,
    } as const;
    expect([...zpixmapToRgba(rows, 2, 2, layout).data]).toEqual([
      255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255,
    ]);
  });

  it('reads 16-bit 5-6-5 pixels in either byte order', () => {
    const layout = {
      bitsPerPixel: 16,
      stride: 4,
      msbFirst: false,
      redMask: 0xf800,
      greenMask: 0x07e0,
      blueMask: 0x001f,
    } as const;
    // 0xf800 red, 0x07e0 green.
    expect([...zpixmapToRgba(Buffer.from([0x00, 0xf8, 0xe0, 0x07]), 2, 1, layout).data]).toEqual([
      255, 0, 0, 255, 0, 255, 0, 255,
    ]);
    const big = { ...layout, msbFirst: true };
    expect([...zpixmapToRgba(Buffer.from([0xf8, 0x00, 0x07, 0xe0]), 2, 1, big).data]).toEqual([
      255, 0, 0, 255, 0, 255, 0, 255,
    ]);
  });

  it('downscales by averaging, keeping the proportions', () => {
    // 4×2: a black and a white 2×2 block side by side.
    const data = Buffer.alloc(4 * 2 * 4);
    for (let y = 0; y < 2; y += 1) {
      for (let x = 2; x < 4; x += 1) data.fill(255, (y * 4 + x) * 4, (y * 4 + x) * 4 + 3);
    }
    for (let i = 3; i < data.length; i += 4) data[i] = 255;
    const small = downscale({ width: 4, height: 2, data }, 2);
    expect([small.width, small.height]).toEqual([2, 1]);
    expect([...small.data]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    const half = downscale({ width: 4, height: 2, data }, 1);
    expect([...half.data]).toEqual([128, 128, 128, 255]);
    const same = { width: 4, height: 2, data };
    expect(downscale(same, 1920)).toBe(same);
  });

  it('turns BGRA into RGBA', () => {
    expect([...bgraToRgba(1, 1, Buffer.from([1, 2, 3, 0])).data]).toEqual([3, 2, 1, 255]);
  });
});
