import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** The body, gunzipped when it was sent gzipped. */
  body: string;
  rawBytes: number;
  /** The body's bytes, gunzipped when it was sent gzipped (multipart images are binary). */
  raw: Buffer;
}

export type Handler = (
  request: ReceivedRequest,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

/** A local HTTP server whose answers each test scripts. */
export class FakeServer {
  readonly requests: ReceivedRequest[] = [];
  handler: Handler = (_req, res) => {
    res.writeHead(404).end();
  };
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const bytes = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        const received: ReceivedRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: bytes.toString(),
          rawBytes: raw.length,
          raw: bytes,
        };
        this.requests.push(received);
        void Promise.resolve(this.handler(received, res, this.requests.length - 1));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return; // never started (an earlier step of the setup failed)
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res
    .writeHead(status, {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    })
    .end(JSON.stringify(body));
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** multipart/form-data as RFC 7578 has it (what a browser, undici or our agent sends). */
export function parseMultipart(contentType: string | undefined, body: Buffer): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) throw new Error(`not multipart: ${contentType}`);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new Error('unterminated multipart body');
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    parts.push({
      name,
      ...(filename === undefined ? {} : { filename }),
      ...(type === undefined ? {} : { contentType: type.trim() }),
      data: Buffer.from(part.subarray(split + 4)),
    });
    at = next;
  }
  return parts;
}

export interface StoredScreenshot {
  id: string;
  capturedAt: string;
  contentType: string;
  image: Buffer;
  deleted: boolean;
}

/**
 * The server's side of the screenshots contract (docs: /work/notes/screenshots-contract.md, kept in
 * docs/agent-screenshots.md): the policy, idempotent upload by (device, id), 403
 * `screenshots-disabled`, 413/415/400, and deletion within the window. `handle` answers the
 * contract's requests and returns false for any other, so a test's handler can delegate to it.
 */
export class ScreenshotServer {
  policy: Record<string, unknown> | null = {
    enabled: true,
    intervalSeconds: 600,
    randomize: false,
    excludedApps: [],
    excludedSites: [],
    maxWidth: 1920,
    format: 'jpeg',
    quality: 70,
  };
  /** Whether uploads are accepted now (the policy at the time of upload). */
  accepting = true;
  deleteWindowHours = 24;
  /** Answers the next N uploads with this status (e.g. 503) before storing anything. */
  failNext: Array<{ status: number; afterStoring?: boolean }> = [];
  readonly stored = new Map<string, StoredScreenshot>();
  readonly answers: Array<{ id: string; status: number }> = [];

  constructor(private readonly now: () => number = Date.now) {}

  handle(req: ReceivedRequest, res: ServerResponse): boolean {
    if (req.url === '/api/v1/agent/screenshot-policy' && req.method === 'GET') {
      if (this.policy === null) problem(res, 404, 'not-found');
      else json(res, 200, this.policy);
      return true;
    }
    if (req.url === '/api/v1/agent/screenshots' && req.method === 'POST') {
      this.upload(req, res);
      return true;
    }
    const del = /^\/api\/v1\/agent\/screenshots\/([^/]+)$/.exec(req.url);
    if (del && req.method === 'DELETE') {
      const shot = this.stored.get(decodeURIComponent(del[1]!));
      if (!shot || shot.deleted) problem(res, 404, 'not-found');
      else if (this.now() - Date.parse(shot.capturedAt) > this.deleteWindowHours * 3600_000) {
        problem(res, 409, 'delete-window-passed');
      } else {
        shot.deleted = true;
        res.writeHead(204).end();
      }
      return true;
    }
    return false;
  }

  private upload(req: ReceivedRequest, res: ServerResponse): void {
    let parts: MultipartPart[];
    try {
      parts = parseMultipart(req.headers['content-type'], req.raw);
    } catch {
      return problem(res, 400, 'bad-request');
    }
    const field = (name: string) => parts.find((p) => p.name === name);
    const id = field('id')?.data.toString();
    const capturedAt = field('capturedAt')?.data.toString();
    const image = field('image');
    const fail = this.failNext.shift();
    const answer = (status: number) => this.answers.push({ id: id ?? '', status });
    if (fail && !fail.afterStoring) {
      answer(fail.status);
      return problem(res, fail.status, 'unavailable');
    }
    if (
      !id ||
      !/^[0-9a-f-]{36}$/i.test(id) ||
      !capturedAt ||
      Number.isNaN(Date.parse(capturedAt))
    ) {
      answer(400);
      return problem(res, 400, 'bad-request');
    }
    if (!image) {
      answer(400);
      return problem(res, 400, 'bad-request');
    }
    if (image.data.length > 5_000_000) {
      answer(413);
      return problem(res, 413, 'payload-too-large');
    }
    if (image.contentType !== 'image/jpeg' && image.contentType !== 'image/webp') {
      answer(415);
      return problem(res, 415, 'unsupported-media-type');
    }
    if (!this.accepting) {
      answer(403);
      return problem(res, 403, 'screenshots-disabled');
    }
    if (this.stored.has(id)) {
      answer(200);
      return json(res, 200, { id, duplicate: true });
    }
    this.stored.set(id, {
      id,
      capturedAt,
      contentType: image.contentType,
      image: image.data,
      deleted: false,
    });
    if (fail?.afterStoring) {
      // Stored, then the answer is lost: the agent must send it again and get a duplicate.
      answer(0);
      res.destroy();
      return;
    }
    answer(201);
    json(res, 201, { id, stored: true });
  }
}

/** A problem in the project's format (backend/src/common/errors): the code ends its `type`. */
export function problem(res: ServerResponse, status: number, code: string): void {
  json(res, status, {
    type: `https://calltimex.dev/problems/${code}`,
    title: code,
    status,
    detail: code,
  });
}
