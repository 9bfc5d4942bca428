import type { NextFunction, Request, RequestHandler, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { sendConsoleIndex } from './content-security-policy.js';

// Angular's output names carry a content hash (`main-ABCD1234.js`, `chunk-…`, `styles-…`; the
// chunk optimizer's are mixed case with `-` and `_`: `chunk-Cx4_-tMf.js`), so a changed file gets
// a new name and the old one may be cached for good.
const HASHED = /-[A-Za-z0-9_-]{8}\.(js|css)(\.(br|gz))?$/;

// Express matches routes case-insensitively, so `/API/v1` is the api too.
const isApi = (path: string) => /^\/(api|metrics|scim)(\/|$)/i.test(path);

/**
 * The built console at `/` with SPA fallback; never answers for `/api`, `/metrics` or `/scim`.
 * Static files leave precompressed (`.br`, `.gz` written by the frontend build) when the browser
 * accepts it; hashed files are cached for a year, everything else is revalidated.
 */
export function consoleAssets(
  dir: string,
  options: { signedIn?: (req: Request) => boolean } = {},
): RequestHandler {
  const assets = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: {
      index: false,
      setHeaders: (res, file) =>
        res.setHeader(
          'Cache-Control',
          HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    },
  });
  const sendIndex = (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-cache');
    // A signed-out browser is sent from a signed-in page to sign-in: that page's chunks would only
    // compete with the sign-in page's.
    const signedIn = options.signedIn?.(req) ?? true;
    routePreloads(dir, req.path, signedIn)
      .then((chunks) =>
        sendConsoleIndex(res, `${dir}/index.html`, (html) =>
          compressIndex(req, res, withPreloads(html, chunks)),
        ),
      )
      .catch(next);
  };
  return (req, res, next) => {
    if (isApi(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    // index.html only ever leaves with this answer's CSP nonce filled in, never as a static file.
    if (req.path.toLowerCase() === '/index.html') return sendIndex(req, res, next);
    // Browser navigations get index.html, so API clients still see 404 problems for unknown
    // paths; `/` is always the console (an administrator checking it with curl sees the page).
    const navigation = req.path === '/' || (req.headers.accept ?? '').includes('text/html');
    assets(req, res, () => {
      if (!navigation) return next();
      sendIndex(req, res, next);
    });
  };
}

type RoutePreload = { path: string; preload: string[]; signedIn?: boolean };

/**
 * The lazy chunks the page at `path` needs, from `route-preloads.json` (written by the frontend
 * build; route patterns as the router has them, `:param` matching one segment). Read per answer,
 * as index.html is, so a rebuilt console is served without a restart.
 */
async function routePreloads(dir: string, path: string, signedIn: boolean): Promise<string[]> {
  let routes: RoutePreload[];
  try {
    routes = JSON.parse(await readFile(`${dir}/route-preloads.json`, 'utf8')) as RoutePreload[];
  } catch {
    return [];
  }
  const segments = path.split('/').filter(Boolean);
  const route = routes.find(({ path: pattern }) => {
    const parts = pattern.split('/').filter(Boolean);
    return (
      parts.length === segments.length &&
      parts.every((part, i) => part.startsWith(':') || part === segments[i])
    );
  });
  if (!route || (route.signedIn && !signedIn)) return [];
  return route.preload;
}

// Chunk names come from the build (`chunk-ABCD1234.js`); anything else is not written into HTML.
const CHUNK = /^[\w-]+\.js$/;

/** Hints in <head>, so the browser fetches the page's chunks beside Angular's own. */
function withPreloads(html: string, chunks: string[]): string {
  const links = chunks
    .filter((chunk) => CHUNK.test(chunk))
    .map((chunk) => `<link rel="modulepreload" href="${chunk}">`)
    .join('');
  return links ? html.replace('</head>', `${links}</head>`) : html;
}

/** index.html differs per answer (its nonce), so it is compressed on the fly: a few KiB, fast. */
function compressIndex(req: Request, res: Response, html: string): Buffer | string {
  res.vary('Accept-Encoding');
  const accepted = req.acceptsEncodings('br', 'gzip');
  if (accepted === 'br') {
    res.setHeader('Content-Encoding', 'br');
    return brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
  }
  if (accepted === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip');
    return gzipSync(html);
  }
  return html;
}
