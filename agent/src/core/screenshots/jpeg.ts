import jpeg from 'jpeg-js';
import type { RgbaImage } from './raster.js';

/** Baseline JPEG in pure JavaScript (jpeg-js): no native library to ship on every platform. */
export function encodeJpeg(image: RgbaImage, quality: number): Buffer {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  return jpeg.encode({ width: image.width, height: image.height, data: image.data }, q).data;
}
