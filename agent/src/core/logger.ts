import type { Logger } from './ports.js';

/** JSON lines on stderr, the format IT's log shippers read. */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const log =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}): void =>
      write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
