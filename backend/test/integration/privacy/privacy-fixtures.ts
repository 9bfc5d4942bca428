import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import yauzl from 'yauzl';
import type { TestContext } from '../../support/test-app.js';
import { createEmployee, type TestEmployee } from '../../factories/accounts.factory.js';
import { enrollDevice, sendEvents, type AgentEvent } from '../reports/report-fixtures.js';

/** A tracked person with one device and a few spans whose titles and URLs are unique to them. */
export interface Person {
  employee: TestEmployee;
  deviceToken: string;
  titles: string[];
  urls: string[];
}

export async function seedPerson(
  ctx: TestContext,
  ownerToken: string,
  label: string,
): Promise<Person> {
  const tag = randomUUID().slice(0, 8);
  const employee = await createEmployee(ctx.app, ownerToken, {
    fullName: `${label} Quillfeather ${tag}`,
    email: `${label.toLowerCase()}-${tag}@privacy.test`,
  });
  const deviceToken = await enrollDevice(ctx.app, ownerToken, employee.email);
  const titles = [`Secret roadmap ${tag} - Docs`, `Inbox ${label} ${tag} - Mail`];
  const urls = [`https://wiki-${tag}.example.org/pages/${label}-${tag}`];
  const start = Date.UTC(2026, 10, 2, 9, 0, 0);
  const events: AgentEvent[] = [
    {
      id: randomUUID(),
      kind: 'active',
      start: iso(start),
      end: iso(start + 600_000),
      app: 'Word',
      title: titles[0],
    },
    {
      id: randomUUID(),
      kind: 'active',
      start: iso(start + 600_000),
      end: iso(start + 900_000),
      app: 'Chrome',
      title: titles[1],
      url: urls[0],
    },
    { id: randomUUID(), kind: 'idle', start: iso(start + 900_000), end: iso(start + 1_200_000) },
  ];
  const result = await sendEvents(ctx.app, deviceToken, events);
  if (result.accepted !== events.length) throw new Error(`seedPerson: ${JSON.stringify(result)}`);
  return { employee, deviceToken, titles, urls };
}

export const iso = (ms: number) => new Date(ms).toISOString();

export function identifiersOf(p: Person): string[] {
  return [p.employee.fullName, p.employee.email, ...p.titles, ...p.urls];
}

/** Every file under dir whose bytes hold one of the texts. */
export function filesHolding(dir: string, texts: string[]): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        if (texts.some((t) => bytes.includes(Buffer.from(t, 'utf8')))) found.push(path);
      }
    }
  };
  walk(dir);
  return found;
}

/** The entries of a ZIP as UTF-8 strings. */
export function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export function binaryParser(
  res: request.Response,
  done: (err: Error | null, body: unknown) => void,
): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

type App = { getHttpServer(): unknown };
export const http = (app: App) => request(app.getHttpServer() as Parameters<typeof request>[0]);

export async function waitForStatus(
  app: App,
  token: string,
  id: string,
  statuses: string[],
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http(app)
      .get(`/api/v1/privacy/requests/${id}`)
      .set('Authorization', `Bearer ${token}`);
    const body = res.body as Record<string, unknown>;
    if (res.status === 200 && statuses.includes(String(body.status))) return body;
    if (Date.now() > deadline)
      throw new Error(`request ${id} stuck: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
