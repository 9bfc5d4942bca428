import type { HttpRequest, HttpResponse, Transport } from './ports.js';

/** `fetch` with a timeout; an HTTP error status is an answer, not a rejection. */
export class FetchTransport implements Transport {
  constructor(private readonly timeoutMs = 30_000) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
  }
}
