import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import yauzl from 'yauzl';
import type { TestContext } from '#test/support/test-app.js';
import { http } from '../privacy/privacy-fixtures.js';

export const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

/** A JPEG full of fine detail (noise), like text on a screen: blurring it lowers its variance a lot. */
export async function detailedJpeg(width = 800, height = 500): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 128, g: 128, b: 128 },
      noise: { type: 'gaussian', mean: 128, sigma: 70 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Standard deviation of the first channel: detail left in the picture. */
export async function pixelStdev(image: Buffer): Promise<number> {
  return (await sharp(image).stats()).channels[0].stdev;
}

export async function uploadShot(
  ctx: TestContext,
  deviceToken: string,
  image: Buffer,
  opts: { id?: string; capturedAt?: string; type?: string; filename?: string } = {},
) {
  const id = opts.id ?? randomUUID();
  const res = await http(ctx.app)
    .post('/api/v1/agent/screenshots')
    .set(auth(deviceToken))
    .field('id', id)
    .field('capturedAt', opts.capturedAt ?? new Date(Date.now() - 60_000).toISOString())
    .attach('image', image, {
      filename: opts.filename ?? 'shot.jpg',
      contentType: opts.type ?? 'image/jpeg',
    });
  return { id, res };
}

export function binary(
  res: NodeJS.ReadableStream,
  done: (err: Error | null, body: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

export async function getBytes(ctx: TestContext, token: string, path: string) {
  return http(ctx.app)
    .get(path)
    .set(auth(token))
    .buffer(true)
    .parse(binary as never);
}

/** Every entry of a ZIP, as bytes. */
export function unzipBuffers(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
