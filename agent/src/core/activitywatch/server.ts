import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { AGENT_VERSION } from '../version.js';
import type { AwBucket, AwStore } from './store.js';
import type { AwData } from './transforms.js';
import { checkEvent, parseTimestamp, toWire } from './wire.js';

/** Larger than any batch a watcher sends; an import through the API can be big. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Browser extensions (aw-watcher-web) may call; web pages may not (they could fake activity). */
function extensionOrigin(origin: string | undefined): boolean {
  return (
    origin !== undefined &&
    /^(moz-extension|chrome-extension|safari-web-extension|ms-browser-extension):\/\/[^/]+$/.test(
      origin,
    )
  );
}

function bucketJson(b: AwBucket): Record<string, unknown> {
  return {
    id: b.id,
    name: b.name,
    type: b.type,
    client: b.client,
    hostname: b.hostname,
    created: b.created,
    data: b.data,
    last_updated: b.lastUpdated,
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}

export interface AwServerOptions {
  store: AwStore;
  port: number;
  host?: string;
  /** Told after every write (to wake the collector). */
  onChange?: () => void;
}

/**
 * The subset of aw-server's REST API (api/0) that ActivityWatch's watchers and clients use:
 * info, buckets (list, get, create, delete), events (list, get, count, insert, delete),
 * heartbeat with pulsetime, and export. It listens on 127.0.0.1 only, answers only requests
 * addressed to localhost (no DNS rebinding) and only cross-origin requests of browser extensions.
 */
export class AwServer {
  private server: Server | null = null;

  constructor(private readonly options: AwServerOptions) {}

  async start(): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    this.server = null;
  }

  private send(res: ServerResponse, status: number, body?: unknown, origin?: string): void {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (extensionOrigin(origin)) {
      headers['access-control-allow-origin'] = origin!;
      headers.vary = 'Origin';
    }
    // 304 (a bucket that exists) carries no body.
    const empty = body === undefined || status === 304;
    res.writeHead(status, headers).end(empty ? undefined : JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    try {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
        throw new HttpError(403, 'only requests addressed to localhost are served');
      }
      if (origin !== undefined && !extensionOrigin(origin)) {
        throw new HttpError(403, `origin ${origin} is not allowed`);
      }
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            'access-control-allow-origin': origin ?? '*',
            'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
            'access-control-allow-headers': 'Content-Type',
            'access-control-max-age': '600',
            vary: 'Origin',
          })
          .end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const answer = await this.route(req, url);
      this.send(res, answer.status, answer.body, origin);
    } catch (error) {
      if (error instanceof HttpError) {
        this.send(res, error.status, { message: error.message }, origin);
      } else {
        this.send(res, 500, { message: 'internal error' }, origin);
      }
    }
  }

  private async route(req: IncomingMessage, url: URL): Promise<{ status: number; body?: unknown }> {
    const { store } = this.options;
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const parts = path.split('/').map((p) => decodeURIComponent(p));
    // ['', 'api', '0', …]
    if (parts[1] !== 'api' || parts[2] !== '0') throw new HttpError(404, 'not found');
    const resource = parts[3];
    const changed = <T>(value: T): T => {
      this.options.onChange?.();
      return value;
    };

    if (resource === 'info' && parts.length === 4 && method === 'GET') {
      return {
        status: 200,
        body: {
          hostname: hostname(),
          version: `v${AGENT_VERSION} (calltimex-agent)`,
          testing: false,
          device_id: store.deviceKey(),
        },
      };
    }
    if (resource === 'export' && parts.length === 4 && method === 'GET') {
      return { status: 200, body: { buckets: this.exportBuckets(store.buckets()) } };
    }
    if (resource === 'settings' && method === 'GET') {
      return { status: 200, body: parts.length === 4 ? {} : null };
    }
    if (resource === 'query') {
      throw new HttpError(501, 'queries are not served here: the data goes to CallTimeX');
    }
    if (resource !== 'buckets') throw new HttpError(404, 'not found');

    if (parts.length === 4) {
      if (method !== 'GET') throw new HttpError(405, 'method not allowed');
      return {
        status: 200,
        body: Object.fromEntries(store.buckets().map((b) => [b.id, bucketJson(b)])),
      };
    }
    const bucketId = parts[4]!;
    const bucket = store.bucket(bucketId);
    const needBucket = (): AwBucket => {
      if (!bucket) throw new HttpError(404, `The requested bucket '${bucketId}' does not exist`);
      return bucket;
    };

    if (parts.length === 5) {
      if (method === 'GET') return { status: 200, body: bucketJson(needBucket()) };
      if (method === 'DELETE') {
        needBucket();
        store.deleteBucket(bucketId);
        return changed({ status: 200 });
      }
      if (method === 'POST') {
        const body = await readBody(req);
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw new HttpError(400, 'a bucket must be a JSON object');
        }
        const b = body as Record<string, unknown>;
        for (const field of ['client', 'type', 'hostname'] as const) {
          if (typeof b[field] !== 'string') throw new HttpError(400, `${field} must be a string`);
        }
        const data =
          typeof b.data === 'object' && b.data !== null && !Array.isArray(b.data)
            ? (b.data as AwData)
            : {};
        const created = store.createBucket({
          id: bucketId,
          type: b.type as string,
          client: b.client as string,
          hostname: b.hostname === '!local' ? hostname() : (b.hostname as string),
          name: typeof b.name === 'string' ? b.name : null,
          data,
          created: typeof b.created === 'string' ? b.created : undefined,
        });
        if (!created) {
          throw new HttpError(304, `Failed to create bucket: '${bucketId}' already exists`);
        }
        return { status: 200 };
      }
      throw new HttpError(405, 'method not allowed');
    }

    const sub = parts[5];
    if (sub === 'heartbeat' && parts.length === 6 && method === 'POST') {
      needBucket();
      const pulsetime = Number(url.searchParams.get('pulsetime'));
      if (
        url.searchParams.get('pulsetime') === null ||
        !Number.isFinite(pulsetime) ||
        pulsetime < 0
      ) {
        throw new HttpError(400, 'pulsetime must be a number of seconds, 0 or more');
      }
      const checked = checkEvent(await readBody(req));
      if (!checked.ok) throw new HttpError(400, checked.message);
      const { start, end, data } = checked.value;
      return changed({
        status: 200,
        body: toWire(store.heartbeat(bucketId, { start, end, data }, pulsetime)),
      });
    }
    if (sub === 'export' && parts.length === 6 && method === 'GET') {
      return { status: 200, body: { buckets: this.exportBuckets([needBucket()]) } };
    }
    if (sub !== 'events') throw new HttpError(404, 'not found');
    needBucket();

    if (parts.length === 6) {
      if (method === 'GET') {
        const start = url.searchParams.get('start');
        const end = url.searchParams.get('end');
        const limit = url.searchParams.get('limit');
        const range: { start?: number; end?: number; limit?: number } = {};
        if (start !== null) {
          range.start = parseTimestamp(start);
          if (Number.isNaN(range.start)) throw new HttpError(400, 'start must be RFC 3339');
        }
        if (end !== null) {
          range.end = parseTimestamp(end);
          if (Number.isNaN(range.end)) throw new HttpError(400, 'end must be RFC 3339');
        }
        if (limit !== null) {
          range.limit = Number(limit);
          if (!Number.isInteger(range.limit) || range.limit < -1) {
            throw new HttpError(400, 'limit must be an integer');
          }
        }
        return { status: 200, body: store.events(bucketId, range).map(toWire) };
      }
      if (method === 'POST') {
        const body = await readBody(req);
        const list = Array.isArray(body) ? body : [body];
        const events = list.map((raw, i) => {
          const checked = checkEvent(raw);
          if (!checked.ok) throw new HttpError(400, `event ${i}: ${checked.message}`);
          return checked.value;
        });
        return changed({ status: 200, body: store.insert(bucketId, events).map(toWire) });
      }
      throw new HttpError(405, 'method not allowed');
    }
    if (parts[6] === 'count' && parts.length === 7 && method === 'GET') {
      return { status: 200, body: store.count(bucketId) };
    }
    if (parts.length === 7) {
      const id = Number(parts[6]);
      if (!Number.isSafeInteger(id)) throw new HttpError(400, 'an event id is an integer');
      if (method === 'GET') {
        const event = store.event(bucketId, id);
        if (!event) throw new HttpError(404, `no event ${id} in bucket '${bucketId}'`);
        return { status: 200, body: toWire(event) };
      }
      if (method === 'DELETE') {
        store.deleteEvent(bucketId, id);
        return changed({ status: 200 });
      }
    }
    throw new HttpError(404, 'not found');
  }

  private exportBuckets(buckets: AwBucket[]): Record<string, unknown> {
    const { store } = this.options;
    return Object.fromEntries(
      buckets.map((b) => [
        b.id,
        { ...bucketJson(b), events: store.events(b.id).reverse().map(toWire) },
      ]),
    );
  }
}
