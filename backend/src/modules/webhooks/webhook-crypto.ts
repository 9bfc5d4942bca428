import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const SIGNATURE_HEADER = 'X-CallTimeX-Signature';
export const TIMESTAMP_HEADER = 'X-CallTimeX-Timestamp';
export const EVENT_HEADER = 'X-CallTimeX-Event';
export const EVENT_ID_HEADER = 'X-CallTimeX-Event-Id';
export const DELIVERY_HEADER = 'X-CallTimeX-Delivery';

export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** `v1=` + hex HMAC-SHA256 of `<timestamp>.<body>` with the subscription's secret. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** What a receiver does (docs/integrations.md shows the same): constant-time, within a tolerance. */
export function verifySignature(
  secret: string,
  header: string,
  timestamp: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, ts, body));
  return header
    .split(',')
    .map((part) => Buffer.from(part.trim()))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
