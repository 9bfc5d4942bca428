import { createHmac, timingSafeEqual } from 'node:crypto';
import { OPTIONAL_CATEGORIES, type OptionalCategory } from './mail-catalog.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function signature(secret: string, userId: string, category: string): string {
  return createHmac('sha256', secret)
    .update(`mail-unsubscribe\n${userId}\n${category}`)
    .digest('base64url');
}

/** A link that turns one category off for one user, needing no sign-in: the HMAC is the proof. */
export function signUnsubscribeToken(
  secret: string,
  userId: string,
  category: OptionalCategory,
): string {
  return `${userId}.${category}.${signature(secret, userId, category)}`;
}

export function verifyUnsubscribeToken(
  secret: string,
  token: string,
): { userId: string; category: OptionalCategory } | null {
  const [userId, category, sig, ...rest] = token.split('.');
  if (rest.length > 0 || !userId || !category || !sig || !UUID.test(userId)) return null;
  if (!(OPTIONAL_CATEGORIES as readonly string[]).includes(category)) return null;
  const expected = Buffer.from(signature(secret, userId, category));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId, category: category as OptionalCategory };
}
