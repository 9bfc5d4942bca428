import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './url-policy.js';

export interface SendResult {
  /** null: no HTTP answer. */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * One POST to a checked target. The connection goes to the address the policy checked (a second
 * DNS answer cannot swap in a private one), redirects are not followed, the answer's body is
 * read to at most a few KB and dropped.
 */
export function sendWebhook(
  target: ResolvedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  const started = performance.now();
  const pinned = target.addresses[0];
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        pinned,
      ]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
  const url = target.url;
  const options: RequestOptions = {
    method: 'POST',
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
    // TLS still verifies the certificate against the URL's host name: only the lookup is pinned.
    lookup,
    timeout: timeoutMs,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ statusCode, durationMs: Math.round(performance.now() - started), error });
    };
    const req = send(options, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > 4096) res.destroy();
      });
      const code = res.statusCode ?? null;
      res.on('end', () => finish(code, null));
      res.on('close', () => finish(code, null));
      res.on('error', () => finish(code, null));
    });
    // The whole exchange, not only idle time, is bounded.
    const deadline = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => finish(null, error.message.slice(0, 500)));
    req.end(body);
  });
}
