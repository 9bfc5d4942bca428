import { timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '#src/config/app-config.js';
import {
  NotFoundError,
  UnauthorizedError,
  type DomainError,
} from '#src/common/errors/domain-error.js';

/** The api's own port, or the separate METRICS_PORT listener. */
export type MetricsListener = 'api' | 'metrics';

export const METRICS_CHALLENGE = 'Bearer realm="metrics"';

function tokenMatches(expected: string, authorization: string | undefined): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * A request made on this host straight to the api: the socket's peer is a loopback address and no
 * proxy header is present (a proxy on the same host adds one, so what it forwards does not count).
 * The socket address is used, not req.ip, because X-Forwarded-For is the client's to forge.
 */
export function isDirectLocalRequest(
  remoteAddress: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  const address = remoteAddress ?? '';
  const loopback = address === '::1' || /^127\./.test(address) || /^::ffff:127\./i.test(address);
  return loopback && PROXY_HEADERS.every((name) => headers[name] === undefined);
}

/**
 * Who may read /metrics (route names, job counts, process figures: internal, not for the internet).
 * With METRICS_TOKEN set, only its bearer, on either listener. Without, the separate listener is
 * open (it is meant to be reachable only by the monitoring network) and the api's port is closed
 * to everything but a direct request from this host (a local Prometheus or an administrator's
 * curl), unless METRICS_PUBLIC says a proxy in front blocks the path. Null: allowed.
 */
export function metricsDenial(
  metrics: AppConfig['metrics'],
  listener: MetricsListener,
  authorization: string | undefined,
  directLocal = false,
): DomainError | null {
  if (listener === 'api' && metrics.port > 0) return new NotFoundError();
  if (metrics.token) {
    return tokenMatches(metrics.token, authorization)
      ? null
      : new UnauthorizedError('GET /metrics needs the bearer token set in METRICS_TOKEN.');
  }
  if (listener === 'metrics' || metrics.public || directLocal) return null;
  return new UnauthorizedError(
    'Metrics on the api port need a bearer token unless asked for on this host directly: set METRICS_TOKEN, or serve them on their own port with METRICS_PORT.',
  );
}
