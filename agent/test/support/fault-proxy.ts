import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ProxyStats {
  forwarded: number;
  tooMany: number;
  tooLarge: number;
  lostAnswers: number;
  upstreamDown: number;
  duplicatesReported: number;
}

/**
 * Sits between the agent and the backend and misbehaves the way networks and servers do: 429s,
 * 413s for large batches, and answers lost after the server stored the batch.
 */
export class FaultProxy {
  readonly stats: ProxyStats = {
    forwarded: 0,
    tooMany: 0,
    tooLarge: 0,
    lostAnswers: 0,
    upstreamDown: 0,
    duplicatesReported: 0,
  };
  private server: Server | null = null;
  private eventsRequests = 0;

  constructor(
    private readonly upstream: () => string,
    private readonly maxEventsPerBatch = 2,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const isEvents = req.url === '/api/v1/agent/events' && req.method === 'POST';
        let lose = false;
        if (isEvents) {
          this.eventsRequests += 1;
          const n = this.eventsRequests;
          const plain = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
          const count = (JSON.parse(plain.toString()) as { events: unknown[] }).events.length;
          if (process.env.PROXY_DEBUG) process.stderr.write(`events request ${n}: ${count}\n`);
          if (n % 5 === 0) {
            this.stats.tooMany += 1;
            res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/problem+json' });
            res.end(JSON.stringify({ status: 429, title: 'Too Many Requests', detail: 'proxy' }));
            return;
          }
          if (count > this.maxEventsPerBatch) {
            this.stats.tooLarge += 1;
            res.writeHead(413, { 'content-type': 'application/problem+json' });
            res.end(JSON.stringify({ status: 413, title: 'Payload Too Large', detail: 'proxy' }));
            return;
          }
          lose = n % 4 === 0;
        }
        const target = new URL(req.url ?? '/', this.upstream());
        const headers = {
          ...req.headers,
          host: target.host,
          'content-length': String(body.length),
        };
        const upstream = httpRequest(target, { method: req.method, headers }, (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            this.stats.forwarded += 1;
            const payload = Buffer.concat(parts);
            if (isEvents && answer.statusCode === 200) {
              const parsed = JSON.parse(payload.toString()) as { duplicates: number };
              this.stats.duplicatesReported += parsed.duplicates;
            }
            if (lose) {
              // The server has stored the batch; the agent never hears so.
              this.stats.lostAnswers += 1;
              res.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(payload);
          });
        });
        upstream.on('error', () => {
          this.stats.upstreamDown += 1;
          res.destroy();
        });
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
