import { readFile } from 'node:fs/promises';
import type { Request } from 'express';

/**
 * The console build's `route-preloads.json` (`frontend/tools/route-preloads.mjs`): for each route,
 * the lazy chunks its first render needs. `session` is 'in' for pages behind the signed-in guard,
 * 'out' for the signed-out ones (sign-in, setup…), 'any' for the rest.
 */
export interface RoutePreloadManifest {
  routes: { path: string; session: 'in' | 'out' | 'any'; chunks: string[] }[];
}

// Only plain chunk file names of the console's output ever go into the page.
const CHUNK = /^[\w.-]+\.js$/;

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  return (
    want.length === got.length &&
    want.every((segment, i) => segment.startsWith(':') || segment === got[i])
  );
}

/**
 * The chunks to preload for a navigation to `path`: none when no route matches, or when the route's
 * guard would send this browser elsewhere (a signed-in page without the session hint cookie, the
 * sign-in page with it).
 */
export function chunksFor(
  manifest: RoutePreloadManifest,
  path: string,
  signedIn: boolean,
): string[] {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return [];
  }
  const route = manifest.routes.find((r) => matches(r.path, decoded));
  if (!route) return [];
  if ((route.session === 'in' && !signedIn) || (route.session === 'out' && signedIn)) return [];
  return route.chunks.filter((chunk) => CHUNK.test(chunk));
}

/**
 * `<link rel="modulepreload">` for the route's chunks, before `</body>` beside Angular's own. Low
 * priority: the initial chunks and the session refresh (session.js) go first; sent at high
 * priority, the route's 30-odd chunks delayed both and the first paint with them (Lighthouse FCP
 * 2.2–2.5 s with low, 3.9–4.9 s with high, 3.4–3.6 s without hints on the dashboard).
 */
export function withRoutePreloads(html: string, chunks: string[]): string {
  if (chunks.length === 0) return html;
  const links = chunks
    .map((chunk) => `<link rel="modulepreload" href="${chunk}" fetchpriority="low">`)
    .join('');
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + links : html.slice(0, at) + links + html.slice(at);
}

export interface RoutePreloadOptions {
  /** The build's route-preloads.json; no hints without it. */
  manifest?: string;
  /** The readable cookie that tells a signed-in browser (the session hint), by name. */
  sessionCookie?: string;
}

function hasCookie(req: Request, name: string | undefined): boolean {
  if (!name) return false;
  return (req.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${name}=`));
}

/** Reads the manifest for each answer (the console may be rebuilt under a running api). */
export async function routePreloadsFor(
  options: RoutePreloadOptions,
  req: Request,
): Promise<string[]> {
  const file = options.manifest;
  if (!file) return [];
  let manifest: RoutePreloadManifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as RoutePreloadManifest;
  } catch {
    // A build without the manifest (or a development build): the page works, only slower.
    return [];
  }
  if (!Array.isArray(manifest?.routes)) return [];
  return chunksFor(manifest, req.path, hasCookie(req, options.sessionCookie));
}
