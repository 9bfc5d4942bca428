import type { AppConfig } from '../config/app-config.js';

export const MASK = '********';

/** A URL with its password (and a user-only credential, as in redis://:secret@) masked. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = MASK;
    return parsed.toString();
  } catch {
    // Unparsable: the credential part may be anywhere, so nothing is shown.
    return MASK;
  }
}

/** The configuration with every secret replaced; safe to paste into a support ticket. */
export function maskedConfig(config: AppConfig): unknown {
  return {
    ...config,
    database:
      config.database.type === 'mysql'
        ? { ...config.database, url: maskUrl(config.database.url) }
        : config.database,
    redis: config.redis ? { url: maskUrl(config.redis.url) } : null,
    mail: { ...config.mail, smtpUrl: config.mail.smtpUrl ? maskUrl(config.mail.smtpUrl) : null },
    auth: { ...config.auth, jwtSecret: MASK },
    billing: {
      ...config.billing,
      encryptionKeys: config.billing.encryptionKeys.map((k) => ({ id: k.id, key: MASK })),
    },
  };
}
