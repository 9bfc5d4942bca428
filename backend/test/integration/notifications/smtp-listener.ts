import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  to: string[];
  /** Header lines unfolded, as the raw message carries them. */
  header(name: string): string | null;
}

/** A real SMTP server on a free port that keeps what it receives. */
export async function startSmtpListener(): Promise<{
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headerBlock = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              raw,
              parsed,
              to: session.envelope.rcptTo.map((r) => r.address),
              header: (name) => {
                const line = headerBlock
                  .split(/\r?\n/)
                  .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
                return line ? line.slice(name.length + 1).trim() : null;
              },
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
