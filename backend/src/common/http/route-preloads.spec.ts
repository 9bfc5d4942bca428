import type { Request } from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chunksFor,
  routePreloadsFor,
  withRoutePreloads,
  type RoutePreloadManifest,
} from './route-preloads.js';

const MANIFEST: RoutePreloadManifest = {
  routes: [
    { path: 'sign-in', session: 'out', chunks: ['chunk-SIGNIN01.js'] },
    { path: '', session: 'in', chunks: ['chunk-SHELL001.js', 'chunk-DASH0001.js'] },
    { path: 'dashboard', session: 'in', chunks: ['chunk-SHELL001.js', 'chunk-DASH0001.js'] },
    { path: 'reports/timeline/:employeeId', session: 'in', chunks: ['chunk-TIMELINE.js'] },
    { path: 'reset-password', session: 'any', chunks: ['chunk-RESET001.js'] },
    {
      path: 'odd',
      session: 'any',
      chunks: ['../secret.js', 'x.js"><script>', 'chunk-OK000001.js'],
    },
  ],
};

describe('route preloads', () => {
  it('finds the chunks of the route a path matches, parameters included', () => {
    expect(chunksFor(MANIFEST, '/dashboard', true)).toEqual([
      'chunk-SHELL001.js',
      'chunk-DASH0001.js',
    ]);
    expect(chunksFor(MANIFEST, '/dashboard/', true)).toHaveLength(2);
    expect(chunksFor(MANIFEST, '/', true)).toHaveLength(2);
    expect(chunksFor(MANIFEST, '/reports/timeline/e%201', true)).toEqual(['chunk-TIMELINE.js']);
    expect(chunksFor(MANIFEST, '/reports/timeline', true)).toEqual([]);
    expect(chunksFor(MANIFEST, '/nowhere', true)).toEqual([]);
    expect(chunksFor(MANIFEST, '/%E0%A4%A', true)).toEqual([]);
  });

  it('names nothing a guard would send the browser away from', () => {
    expect(chunksFor(MANIFEST, '/dashboard', false)).toEqual([]);
    expect(chunksFor(MANIFEST, '/sign-in', true)).toEqual([]);
    expect(chunksFor(MANIFEST, '/sign-in', false)).toEqual(['chunk-SIGNIN01.js']);
    expect(chunksFor(MANIFEST, '/reset-password', false)).toEqual(['chunk-RESET001.js']);
    expect(chunksFor(MANIFEST, '/reset-password', true)).toEqual(['chunk-RESET001.js']);
  });

  it('lets only plain chunk names into the page', () => {
    expect(chunksFor(MANIFEST, '/odd', false)).toEqual(['chunk-OK000001.js']);
  });

  it('adds one modulepreload link per chunk before </body>', () => {
    const html = '<html><body><ctx-root></ctx-root><script src="main.js"></script></body></html>';
    expect(withRoutePreloads(html, ['a.js', 'b.js'])).toBe(
      '<html><body><ctx-root></ctx-root><script src="main.js"></script>' +
        '<link rel="modulepreload" href="a.js" fetchpriority="low"><link rel="modulepreload" href="b.js" fetchpriority="low"></body></html>',
    );
    expect(withRoutePreloads(html, [])).toBe(html);
  });

  describe('from the manifest file', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ctx-preloads-'));
      writeFileSync(join(dir, 'route-preloads.json'), JSON.stringify(MANIFEST));
      writeFileSync(join(dir, 'broken.json'), '{');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const req = (path: string, cookie?: string) =>
      ({ path, headers: cookie ? { cookie } : {} }) as unknown as Request;

    it('reads the session hint cookie by name', async () => {
      const options = { manifest: join(dir, 'route-preloads.json'), sessionCookie: 'ctx_session' };
      expect(await routePreloadsFor(options, req('/dashboard', 'a=1; ctx_session=1'))).toHaveLength(
        2,
      );
      expect(await routePreloadsFor(options, req('/dashboard', 'not_ctx_session=1'))).toEqual([]);
      expect(await routePreloadsFor(options, req('/dashboard'))).toEqual([]);
    });

    it('names nothing without a readable manifest', async () => {
      for (const manifest of [undefined, join(dir, 'missing.json'), join(dir, 'broken.json')]) {
        expect(await routePreloadsFor({ manifest }, req('/reset-password'))).toEqual([]);
      }
    });
  });
});
