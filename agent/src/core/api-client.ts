import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { HttpResponse, Transport } from './ports.js';
import {
  parseScreenshotPolicy,
  SCREENSHOTS_OFF,
  type ScreenshotPolicy,
} from './screenshots/policy.js';
import type { EventsResponse, Notice, NoticeVersion } from './types.js';

/** An HTTP answer other than the one expected. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly retryAfterMs: number | null = null,
    /** The last segment of the problem's `type` (e.g. `organization-closed`), when there is one. */
    readonly problem: string | null = null,
  ) {
    super(`HTTP ${status}: ${detail}`);
    this.name = 'ApiError';
  }
}

/** What the organization lets agents collect (`GET /agent/config`). */
export interface CollectionPolicy {
  collectTitles: boolean;
  urlMode: 'full' | 'host';
}

export interface EnrollRequest {
  enrollmentToken: string;
  employeeEmail: string;
  hostname: string;
  os: string;
  agentVersion: string;
}

/** Seconds or an HTTP date, as RFC 9110 allows. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function problemCode(response: HttpResponse): string | null {
  try {
    const body = JSON.parse(response.body.toString('utf8')) as { type?: unknown; code?: unknown };
    // The project's problems name their code in the last segment of `type`; a `code` member is
    // read when there is no such type.
    const fromType = typeof body.type === 'string' ? body.type.split('/').pop() : undefined;
    if (fromType) return fromType;
    if (typeof body.code === 'string' && body.code !== '') return body.code;
  } catch {
    // not JSON
  }
  return null;
}

function problemDetail(response: HttpResponse): string {
  try {
    const body = JSON.parse(response.body.toString('utf8')) as {
      detail?: unknown;
      title?: unknown;
    };
    if (typeof body.detail === 'string') return body.detail;
    if (typeof body.title === 'string') return body.title;
  } catch {
    // not JSON
  }
  return response.body.toString('utf8').slice(0, 200);
}

function isEventsResponse(value: unknown): value is EventsResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accepted === 'number' &&
    typeof v.duplicates === 'number' &&
    Array.isArray(v.rejected) &&
    v.rejected.every(
      (r: unknown) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as Record<string, unknown>).index === 'number',
    )
  );
}

function isNotice(value: unknown): value is Notice {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (typeof v.version === 'number' || typeof v.version === 'string') &&
    typeof v.text === 'string' &&
    typeof v.language === 'string'
  );
}

/** The agent's side of the pinned API. */
export class AgentApi {
  private readonly base: string;

  constructor(
    serverUrl: string,
    private readonly transport: Transport,
    private readonly deviceToken: () => Promise<string | null>,
    private readonly now: () => number = Date.now,
  ) {
    this.base = `${serverUrl.replace(/\/+$/, '')}/api/v1`;
  }

  async enroll(request: EnrollRequest): Promise<{ deviceId: string; deviceToken: string }> {
    const response = await this.transport.send({
      method: 'POST',
      url: `${this.base}/agent/enroll`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: Buffer.from(JSON.stringify(request)),
    });
    if (response.status !== 201 && response.status !== 200) throw this.error(response);
    const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
    if (typeof body.deviceId !== 'string' || typeof body.deviceToken !== 'string') {
      throw new ApiError(response.status, 'enrollment answer without deviceId/deviceToken');
    }
    return { deviceId: body.deviceId, deviceToken: body.deviceToken };
  }

  /** Sends one batch of events already serialized as JSON objects. */
  async postEvents(eventJson: string[]): Promise<EventsResponse> {
    const body = gzipSync(Buffer.from(`{"events":[${eventJson.join(',')}]}`));
    const response = await this.transport.send({
      method: 'POST',
      url: `${this.base}/agent/events`,
      headers: {
        ...(await this.auth()),
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        accept: 'application/json',
      },
      body,
    });
    if (response.status !== 200) throw this.error(response);
    const parsed: unknown = JSON.parse(response.body.toString('utf8'));
    if (!isEventsResponse(parsed)) throw new ApiError(502, 'unexpected events answer');
    return parsed;
  }

  /** `null` when the organization requires no notice (404). */
  async getNotice(language?: string): Promise<Notice | null> {
    const query = language ? `?language=${encodeURIComponent(language)}` : '';
    const response = await this.transport.send({
      method: 'GET',
      url: `${this.base}/agent/notice${query}`,
      headers: { ...(await this.auth()), accept: 'application/json' },
    });
    if (response.status === 404) return null;
    if (response.status !== 200) throw this.error(response);
    const parsed: unknown = JSON.parse(response.body.toString('utf8'));
    if (!isNotice(parsed)) throw new ApiError(502, 'unexpected notice answer');
    return parsed;
  }

  /** The organization's data-collection settings; `null` when the server has none (404). */
  async getCollectionPolicy(): Promise<CollectionPolicy | null> {
    const response = await this.transport.send({
      method: 'GET',
      url: `${this.base}/agent/config`,
      headers: { ...(await this.auth()), accept: 'application/json' },
    });
    if (response.status === 404) return null;
    if (response.status !== 200) throw this.error(response);
    const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
    if (
      typeof body.collectTitles !== 'boolean' ||
      !['full', 'host'].includes(String(body.urlMode))
    ) {
      throw new ApiError(502, 'unexpected agent config answer');
    }
    return { collectTitles: body.collectTitles, urlMode: body.urlMode as 'full' | 'host' };
  }

  /** `GET /agent/screenshot-policy`; an older server without it (404) means screenshots are off. */
  async getScreenshotPolicy(): Promise<ScreenshotPolicy> {
    const response = await this.transport.send({
      method: 'GET',
      url: `${this.base}/agent/screenshot-policy`,
      headers: { ...(await this.auth()), accept: 'application/json' },
    });
    if (response.status === 404) return { ...SCREENSHOTS_OFF };
    if (response.status !== 200) throw this.error(response);
    const policy = parseScreenshotPolicy(JSON.parse(response.body.toString('utf8')));
    if (policy === null) throw new ApiError(502, 'unexpected screenshot policy answer');
    return policy;
  }

  /**
   * `POST /agent/screenshots` as multipart/form-data; the id makes a re-send after a crash a
   * duplicate on the server.
   */
  async postScreenshot(shot: {
    id: string;
    capturedAt: number;
    jpeg: Buffer;
  }): Promise<{ duplicate: boolean }> {
    const boundary = `----calltimex-${randomBytes(12).toString('hex')}`;
    const field = (name: string, value: string): Buffer =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      );
    const body = Buffer.concat([
      field('id', shot.id),
      field('capturedAt', new Date(shot.capturedAt).toISOString()),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${shot.id}.jpg"\r\n` +
          'Content-Type: image/jpeg\r\n\r\n',
      ),
      shot.jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await this.transport.send({
      method: 'POST',
      url: `${this.base}/agent/screenshots`,
      headers: {
        ...(await this.auth()),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        accept: 'application/json',
      },
      body,
    });
    if (response.status === 201) return { duplicate: false };
    if (response.status === 200) return { duplicate: true };
    throw this.error(response);
  }

  /** `DELETE /agent/screenshots/{id}`: the person deletes their own capture, within the window. */
  async deleteScreenshot(id: string): Promise<void> {
    const response = await this.transport.send({
      method: 'DELETE',
      url: `${this.base}/agent/screenshots/${encodeURIComponent(id)}`,
      headers: { ...(await this.auth()), accept: 'application/json' },
    });
    if (response.status !== 204 && response.status !== 200) throw this.error(response);
  }

  /** `language`: the language the text was shown in. */
  async acknowledgeNotice(version: NoticeVersion, language?: string): Promise<void> {
    const response = await this.transport.send({
      method: 'POST',
      url: `${this.base}/agent/notice/acknowledgements`,
      headers: { ...(await this.auth()), 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(language ? { version, language } : { version })),
    });
    // 404: the server has no notice endpoints (yet), so nothing is required.
    if (response.status >= 200 && response.status < 300) return;
    if (response.status === 404) return;
    throw this.error(response);
  }

  private async auth(): Promise<Record<string, string>> {
    const token = await this.deviceToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  private error(response: HttpResponse): ApiError {
    return new ApiError(
      response.status,
      problemDetail(response),
      parseRetryAfter(response.headers['retry-after'], this.now()),
      problemCode(response),
    );
  }
}
