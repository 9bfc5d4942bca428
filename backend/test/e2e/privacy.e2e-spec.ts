import { randomUUID } from 'node:crypto';
import { filesHolding, unzip } from '../support/files.js';
import { startServer, type RunningServer } from './server-process.js';
import { DAY_MS } from '#src/common/time.js';

describe('privacy on the built server (embedded mode)', () => {
  let server: RunningServer;
  let owner: string;
  const people: Record<
    'a' | 'b',
    { id: string; fullName: string; email: string; device: string; title: string; url: string }
  > = {} as never;

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    const data: unknown = type.includes('json')
      ? await res.json()
      : Buffer.from(await res.arrayBuffer());
    return { status: res.status, type, body: data as Record<string, unknown> & Buffer };
  }

  async function waitFor(id: string, statuses: string[]) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await call('GET', `/privacy/requests/${id}`, owner);
      if (statuses.includes(String(res.body.status))) return res.body;
      if (Date.now() > deadline) throw new Error(`stuck: ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const events = (p: { title: string; url: string }) => {
    const start = Date.now() - 3 * 60 * 60 * 1000;
    return {
      events: [
        {
          id: randomUUID(),
          kind: 'active',
          start: new Date(start).toISOString(),
          end: new Date(start + 600_000).toISOString(),
          app: 'Word',
          title: p.title,
        },
        {
          id: randomUUID(),
          kind: 'active',
          start: new Date(start + 600_000).toISOString(),
          end: new Date(start + 900_000).toISOString(),
          app: 'Firefox',
          title: `${p.title} (web)`,
          url: p.url,
        },
      ],
    };
  };

  beforeAll(async () => {
    server = await startServer();
    const signup = await call('POST', '/auth/signup', undefined, {
      organizationName: 'E2E Privacy Org',
      fullName: 'Owen Owner',
      email: `owner-${randomUUID().slice(0, 8)}@e2e.test`,
      password: 'correct-horse-battery-staple-42',
    });
    expect(signup.status).toBe(201);
    owner = String(signup.body.accessToken);
    for (const key of ['a', 'b'] as const) {
      const tag = randomUUID().slice(0, 8);
      const emp = await call('POST', '/employees', owner, {
        fullName: `Person${key.toUpperCase()} Zephyrine ${tag}`,
        email: `person-${key}-${tag}@e2e.test`,
      });
      expect(emp.status).toBe(201);
      const enrollment = await call('POST', '/agent/enrollment-tokens', owner, {});
      const device = await call('POST', '/agent/enroll', undefined, {
        enrollmentToken: enrollment.body.token,
        employeeEmail: emp.body.email,
        hostname: `ws-${key}`,
        os: 'Linux',
        agentVersion: '1.0.0',
      });
      expect(device.status).toBe(201);
      people[key] = {
        id: String(emp.body.id),
        fullName: String(emp.body.fullName),
        email: String(emp.body.email),
        device: String(device.body.deviceToken),
        title: `Quarterly plan ${tag} – Word`,
        url: `https://intranet-${tag}.example.net/docs/${tag}`,
      };
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  it('a published notice refuses events until acknowledged, then accepts them', async () => {
    expect((await call('POST', '/agent/events', people.a.device, events(people.a))).status).toBe(
      200,
    );
    expect((await call('POST', '/agent/events', people.b.device, events(people.b))).status).toBe(
      200,
    );
    const draft = await call('POST', '/privacy/notices', owner, {
      texts: {
        en: 'We record active time, apps, window titles and sites to account working time.',
      },
    });
    expect(draft.status).toBe(201);
    expect(
      (await call('POST', `/privacy/notices/${String(draft.body.id)}/publish`, owner)).status,
    ).toBe(200);
    const refused = await call('POST', '/agent/events', people.a.device, events(people.a));
    expect(refused.status).toBe(403);
    expect(refused.type).toContain('application/problem+json');
    expect(String(refused.body.type)).toMatch(/notice-not-acknowledged$/);
    for (const key of ['a', 'b'] as const) {
      const notice = await call('GET', '/agent/notice', people[key].device);
      expect(notice.status).toBe(200);
      const ack = await call('POST', '/agent/notice/acknowledgements', people[key].device, {
        version: notice.body.version,
      });
      expect(ack.status).toBe(201);
    }
    const accepted = await call('POST', '/agent/events', people.a.device, events(people.a));
    expect(accepted.status).toBe(200);
    expect(accepted.body.accepted).toBe(2);
  });

  it('a policy effective in 29 days is refused; in 30 days it is published and mailed', async () => {
    const texts = { en: 'Privacy policy v2', ru: 'Политика конфиденциальности v2' };
    const early = await call('POST', '/privacy/policy/versions', owner, {
      texts,
      authoritativeLanguage: 'ru',
      effectiveAt: new Date(Date.now() + 29 * DAY_MS).toISOString(),
    });
    expect(early.status).toBe(400);
    const ok = await call('POST', '/privacy/policy/versions', owner, {
      texts,
      authoritativeLanguage: 'ru',
      effectiveAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    });
    expect(ok.status).toBe(201);
    expect(ok.body.mailsQueued).toBe(1);
  });

  it('access: the ZIP holds the person’s email, name, titles and URLs in JSON and CSV, nobody else’s', async () => {
    const filed = await call('POST', '/privacy/requests', owner, {
      type: 'access',
      employeeId: people.a.id,
    });
    expect(filed.status).toBe(201);
    expect(filed.body.status).toBe('pending');
    const done = await waitFor(String(filed.body.id), ['completed']);
    const zip = await call('GET', String(done.downloadUrl).replace('/api/v1', ''), owner);
    expect(zip.status).toBe(200);
    expect((await call('GET', String(done.downloadUrl).replace('/api/v1', ''))).status).toBe(401);
    const files = await unzip(zip.body);
    const json = [...files]
      .filter(([n]) => n.endsWith('.json'))
      .map(([, c]) => c)
      .join('\n');
    const csv = files.get('activity-spans.csv') ?? '';
    for (const text of [people.a.email, people.a.fullName, people.a.title, people.a.url])
      expect(json).toContain(text);
    for (const text of [people.a.title, people.a.url]) expect(csv).toContain(text);
    const all = [...files.values()].join('\n');
    for (const text of [people.b.email, people.b.fullName, people.b.title, people.b.url])
      expect(all).not.toContain(text);
  });

  it('erasure: 404, device token 401, no report row, and no file in the data directory holds them', async () => {
    const filed = await call('POST', '/privacy/requests', owner, {
      type: 'erasure',
      employeeId: people.a.id,
    });
    expect(filed.status).toBe(201);
    const done = await waitFor(String(filed.body.id), ['completed']);
    expect((done.verification as { passed: boolean }).passed).toBe(true);
    expect((await call('GET', `/employees/${people.a.id}`, owner)).status).toBe(404);
    expect((await call('POST', '/agent/events', people.a.device, events(people.a))).status).toBe(
      401,
    );
    const day = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 2 * DAY_MS).toISOString().slice(0, 10);
    const summary = await call('GET', `/reports/summary?from=${from}&to=${day}`, owner);
    expect(summary.status).toBe(200);
    const ids = (summary.body.rows as { employeeId: string }[]).map((r) => r.employeeId);
    expect(ids).not.toContain(people.a.id);
    expect(ids).toContain(people.b.id);
    // Give any mail job a moment, then grep every byte under DATA_DIR (SQLite file and WAL included).
    await new Promise((r) => setTimeout(r, 1000));
    expect(
      filesHolding(server.dataDir, [
        people.a.email,
        people.a.fullName,
        people.a.title,
        people.a.url,
      ]),
    ).toEqual([]);
    expect(filesHolding(server.dataDir, [people.b.title]).length).toBeGreaterThan(0);
  });

  it('answers 404 for ids it does not know and 400 for malformed ones', async () => {
    expect((await call('GET', `/privacy/requests/${randomUUID()}`, owner)).status).toBe(404);
    expect((await call('GET', '/privacy/requests/123', owner)).status).toBe(400);
    expect(
      (await call('POST', '/privacy/requests', owner, { type: 'access', employeeId: people.a.id }))
        .status,
    ).toBe(404);
  });
});
