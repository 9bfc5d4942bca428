import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestContext } from '#test/support/test-app.js';
export { filesHolding, unzip } from '#test/support/files.js';
import { createEmployee, type TestEmployee } from '#test/factories/accounts.factory.js';
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
