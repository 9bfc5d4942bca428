import type { NextFunction, Request, RequestHandler, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { sendConsoleIndex } from './content-security-policy.js';

// Angular's output names carry a content hash (`main-ABCD1234.js`, `chunk-…`, `styles-…`), so a
// changed file gets a new name and the old one may be cached for good.
const HASHED = /-[A-Z0-9]{8}\.(js|css)(\.(br|gz))?$/;

// Express matches routes case-insensitively, so `/API/v1` is the api too.
const isApi = (path: string) => /^\/(api|metrics|scim)(\/|$)/i.test(path);

/**
 * The built console at `/` with SPA fallback; never answers for `/api`, `/metrics` or `/scim`.
 * Static files leave precompressed (`.br`, `.gz` written by the frontend build) when the browser
 * accepts it; hashed files are cached for a year, everything else is revalidated.
 */
export function consoleAssets(dir: string): RequestHandler {
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
    sendConsoleIndex(res, `${dir}/index.html`, (html) => compressIndex(req, res, html)).catch(next);
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
