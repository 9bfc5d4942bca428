import sharp from 'sharp';
import type { BlurLevel } from './entities/screenshot.entity.js';
import { UnsupportedImageError } from './screenshots.errors.js';
import { BadRequestError } from '#src/common/errors/domain-error.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const ACCEPTED_TYPES = ['image/jpeg', 'image/webp'] as const;
export const MAX_WIDTH = 1920;
export const THUMBNAIL_WIDTH = 320;
/** Larger than any screen (8K is 33 Mpx): a decompression bomb is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
/** Strong enough that no text of a screen stays readable. */
const BLUR_SIGMA = 14;

export interface ProcessedScreenshot {
  width: number;
  height: number;
  /** null with blur "thumbnails": no full image is kept. */
  image: Buffer | null;
  thumbnail: Buffer;
}

/**
 * Reads the upload (JPEG or WebP by its bytes, whatever it claims), then writes what the blur level
 * allows to keep, as WebP: the image (blurred if asked) no wider than MAX_WIDTH and a thumbnail.
 */
export async function processScreenshot(
  bytes: Buffer,
  declaredType: string,
  blur: BlurLevel,
): Promise<ProcessedScreenshot> {
  if (!(ACCEPTED_TYPES as readonly string[]).includes(declaredType)) {
    throw new UnsupportedImageError();
  }
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw new UnsupportedImageError('The file is not a readable JPEG or WebP image.');
  }
  if ((meta.format !== 'jpeg' && meta.format !== 'webp') || !meta.width || !meta.height) {
    throw new UnsupportedImageError('The file is not a JPEG or WebP image.');
  }
  if (meta.width * meta.height > MAX_INPUT_PIXELS || (meta.pages ?? 1) > 1) {
    throw new BadRequestError(
      'The image is larger than any screen (or animated).',
      'image-too-large',
    );
  }
  try {
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_WIDTH, withoutEnlargement: true });
    const base = blur === 'blurred' ? input.blur(BLUR_SIGMA) : input;
    const image =
      blur === 'thumbnails' ? null : await base.clone().webp({ quality: 70, effort: 2 }).toBuffer();
    const thumbnail = await base
      .clone()
      .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
      .webp({ quality: 60, effort: 2 })
      .toBuffer();
    return { width: meta.width, height: meta.height, image, thumbnail };
  } catch {
    throw new UnsupportedImageError('The image could not be decoded (truncated or corrupt).');
  }
}

/** multer's limits for the upload: one file, two short fields, nothing else. */
export const UPLOAD_LIMITS = {
  fileSize: MAX_UPLOAD_BYTES,
  files: 1,
  fields: 2,
  fieldSize: 100,
  parts: 3,
  headerPairs: 20,
};
