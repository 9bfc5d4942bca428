import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { FileSecretStore } from '../src/core/adapters/file-secret-store.js';
import { X11ScreenCapture } from '../src/core/adapters/x11-capture.js';
import { X11Source } from '../src/core/adapters/x11-native.js';
import { Agent, DEVICE_TOKEN_KEY } from '../src/core/agent.js';
import { systemClock } from '../src/core/clock.js';
import { defaultConfig } from '../src/core/config.js';
import { FetchTransport } from '../src/core/http-transport.js';
import { silentLogger } from '../src/core/ports.js';
import type { RgbaImage } from '../src/core/screenshots/raster.js';
import { SqliteSpool } from '../src/core/spool/sqlite-spool.js';
import { FakeServer, json, ScreenshotServer } from './support/fake-server.js';
import { VirtualDisplay } from './support/xvfb.js';

type Rgb = [number, number, number];

function pixel(image: { width: number; data: Uint8Array }, x: number, y: number): Rgb {
  const at = (y * image.width + x) * 4;
  return [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!];
}

/** How many pixels (every `step`th) are not `colour`, give or take `tolerance` per channel. */
function differing(image: RgbaImage, colour: Rgb, tolerance = 0, step = 7): number {
  let count = 0;
  for (let i = 0; i < image.width * image.height; i += step) {
    const at = i * 4;
    if (colour.some((c, k) => Math.abs(image.data[at + k]! - c) > tolerance)) count += 1;
  }
  return count;
}

function near(actual: Rgb, expected: Rgb, tolerance: number): void {
  expect({
    actual,
    expected,
    ok: actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance),
  }).toEqual({ actual, expected, ok: true });
}

describe('screenshots over the X protocol (Xvfb + openbox)', () => {
  describe('a 24-bit TrueColor screen (32 bits per pixel)', () => {
    let screen: VirtualDisplay;
    let capture: X11ScreenCapture;

    beforeAll(async () => {
      screen = await VirtualDisplay.start();
      capture = new X11ScreenCapture(silentLogger, screen.display, screen.env);
    });
    afterAll(() => {
      capture?.close();
      screen?.stop();
    });

    it('reads the root window in the colour it was painted, channel by channel', async () => {
      await screen.setRootColour('#ff8000');
      const orange = (await capture.capture())!;
      expect([orange.width, orange.height]).toEqual([1024, 768]);
      expect(orange.data.length).toBe(1024 * 768 * 4);
      expect(differing(orange, [255, 128, 0])).toBe(0);
      await screen.setRootColour('#3366cc');
      const blue = (await capture.capture())!;
      expect(differing(blue, [0x33, 0x66, 0xcc])).toBe(0);
      // Every row, the last one too, is where it belongs (strips, stride).
      expect(pixel(blue, 1023, 767)).toEqual([0x33, 0x66, 0xcc]);
    });

    it('sees a window where it is on the screen', async () => {
      await screen.setRootColour('#ff8000');
      const window = await screen.openWindow('Editor', 'report.txt');
      try {
        await screen.focus(window);
        const box = await screen.geometry(window);
        const image = (await capture.capture())!;
        // The pixels that are not the desktop: the window, with openbox's frame and title bar.
        const drawn = { minX: Infinity, minY: Infinity, maxX: -1, maxY: -1 };
        for (let y = 0; y < image.height; y += 1) {
          for (let x = 0; x < image.width; x += 1) {
            const [r, g, b] = pixel(image, x, y);
            if (r === 255 && g === 128 && b === 0) continue;
            drawn.minX = Math.min(drawn.minX, x);
            drawn.maxX = Math.max(drawn.maxX, x);
            drawn.minY = Math.min(drawn.minY, y);
            drawn.maxY = Math.max(drawn.maxY, y);
          }
        }
        const right = box.x + box.width - 1;
        const bottom = box.y + box.height - 1;
        expect(drawn.minX).toBeLessThanOrEqual(box.x);
        expect(drawn.minX).toBeGreaterThanOrEqual(box.x - 8);
        expect(drawn.maxX).toBeGreaterThanOrEqual(right);
        expect(drawn.maxX).toBeLessThanOrEqual(right + 8);
        // The title bar is above the window.
        expect(drawn.minY).toBeLessThan(box.y);
        expect(drawn.minY).toBeGreaterThanOrEqual(box.y - 40);
        expect(drawn.maxY).toBeGreaterThanOrEqual(bottom);
        expect(drawn.maxY).toBeLessThanOrEqual(bottom + 8);
        // Read in many small strips (replies below and above 64 KiB), the image is the same.
        for (const stripBytes of [16_000, 300_000]) {
          const strips = new X11ScreenCapture(
            silentLogger,
            screen.display,
            screen.env,
            15_000,
            stripBytes,
          );
          try {
            expect((await strips.capture())!.data.equals(image.data)).toBe(true);
          } finally {
            strips.close();
          }
        }
      } finally {
        window.close();
      }
    });

    it('goes through the agent: downscaled, JPEG, spooled, uploaded, and decodes to the colour', async () => {
      await screen.setRootColour('#3366cc');
      const dir = mkdtempSync(join(tmpdir(), 'ctx-shots-x11-'));
      const server = new FakeServer();
      const shots = new ScreenshotServer();
      shots.policy = { ...shots.policy, maxWidth: 512, quality: 85 };
      server.handler = (req, res) =>
        shots.handle(req, res)
          ? undefined
          : json(res, 404, { status: 404, title: 'x', detail: 'x' });
      const url = await server.start();
      const spool = new SqliteSpool(join(dir, 'spool.sqlite'));
      const x11 = new X11Source(silentLogger, screen.display, screen.env);
      try {
        const secrets = new FileSecretStore(join(dir, 'secrets.json'));
        await secrets.set(DEVICE_TOKEN_KEY, 'device-secret');
        const taken: string[] = [];
        const agent = await Agent.create({
          config: { ...defaultConfig(), serverUrl: url, deviceId: 'd', employeeEmail: 'a@b.c' },
          activity: x11,
          idle: x11,
          clock: systemClock,
          spool,
          secrets,
          transport: new FetchTransport(5000),
          logger: silentLogger,
          screen: capture,
          onScreenshot: (shot) => taken.push(shot.id),
        });
        await agent.refreshFromServer();
        await screen.movePointer(10, 10);
        const outcome = await agent.screenshots.attempt();
        if (outcome.kind !== 'captured') throw new Error(`skipped: ${outcome.reason}`);
        expect(taken).toEqual([outcome.shot.id]);
        expect(outcome.shot).toMatchObject({ width: 512, height: 384, state: 'queued' });
        await agent.screenshotUploader.drain();
        const stored = shots.stored.get(outcome.shot.id)!;
        const decoded = jpeg.decode(stored.image, { useTArray: true });
        expect([decoded.width, decoded.height]).toEqual([512, 384]);
        near(pixel(decoded, 256, 300), [0x33, 0x66, 0xcc], 6);
        near(pixel(decoded, 500, 380), [0x33, 0x66, 0xcc], 6);
      } finally {
        x11.close();
        spool.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('a 16-bit TrueColor screen (5-6-5)', () => {
    let screen: VirtualDisplay;

    beforeAll(async () => {
      screen = await VirtualDisplay.start('640x480x16');
    });
    afterAll(() => screen?.stop());

    it('scales each channel by its mask to 8 bits', async () => {
      const capture = new X11ScreenCapture(silentLogger, screen.display, screen.env);
      try {
        await screen.setRootColour('#ff8000');
        const image = (await capture.capture())!;
        expect([image.width, image.height]).toEqual([640, 480]);
        // 0x80 in 6 bits is 32 of 63: 130 of 255.
        expect(differing(image, [255, 130, 0], 3)).toBe(0);
        await screen.setRootColour('#0040ff');
        expect(differing((await capture.capture())!, [0, 65, 255], 3)).toBe(0);
      } finally {
        capture.close();
      }
    });
  });
});
