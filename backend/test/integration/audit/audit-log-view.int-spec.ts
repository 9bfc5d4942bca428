import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';

interface Entry {
  seq: number;
  at: string;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  subjectEmployeeId: string | null;
  subjectEmployeeName: string | null;
  targetName: string | null;
  clientAddress: string | null;
  details: Record<string, unknown>;
}

/** Parses the export's CSV (RFC 4180 quoting, after its BOM) into records keyed by the header. */
function parseCsv(csv: string, delimiter = ','): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const text = csv.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

describe('audit log for people: filters, names, export, devices and teams', () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let other: SignedUp;
  const http = () => request(ctx.app.getHttpServer());
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  const list = async (token: string, query = '') => {
    const res = await http().get(`/api/v1/audit?pageSize=200&${query}`).set(auth(token));
    expect(res.status).toBe(200);
    return res.body as { items: Entry[]; total: number };
  };
  /** Device events are written once the enrollment's transaction commits: wait for them. */
  const eventually = async (token: string, query: string, count = 1) => {
    for (let i = 0; i < 50; i++) {
      const page = await list(token, query);
      if (page.items.length >= count) return page;
      await new Promise((r) => setTimeout(r, 50));
    }
    return list(token, query);
  };

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app, { fullName: 'Olga Owner' });
    other = await signUp(ctx.app, { fullName: 'Bruno Bravo' });
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('records team, API token and device events, with names and the client address', async () => {
    const o = auth(owner.accessToken);
    const admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
    const team = await http().post('/api/v1/teams').set(o).send({ name: 'Support' }).expect(201);
    const teamId = team.body.id as string;
    await http().patch(`/api/v1/teams/${teamId}`).set(o).send({ name: 'Care' }).expect(200);
    await http()
      .put(`/api/v1/teams/${teamId}/managers`)
      .set(o)
      .send({ userIds: [admin.user.id] })
      .expect(200);
    await http().delete(`/api/v1/teams/${teamId}`).set(o).expect(204);

    const token = await http()
      .post('/api/v1/api-tokens')
      .set(o)
      .send({ name: 'ci', kind: 'personal', scopes: ['reports:read'], expiresInDays: 7 })
      .expect(201);
    await http().post(`/api/v1/api-tokens/${token.body.id}/revoke`).set(o).expect(200);

    const employee = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Dora Device',
    });
    const enrollment = await http()
      .post('/api/v1/agent/enrollment-tokens')
      .set(o)
      .send({})
      .expect(201);
    const enrolled = await http()
      .post('/api/v1/agent/enroll')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({
        enrollmentToken: enrollment.body.token,
        employeeEmail: employee.email,
        hostname: 'ws-dora',
        os: 'Linux',
        agentVersion: '1.2.3',
      })
      .expect(201);
    const deviceId = enrolled.body.deviceId as string;
    const device = auth(enrolled.body.deviceToken);
    await http().put('/api/v1/agent/inventory').set(device).send({ hostname: 'ws-dora' });
    await http().put('/api/v1/agent/inventory').set(device).send({ hostname: 'ws-dora-2' });
    await http().post(`/api/v1/agent/devices/${deviceId}/revoke`).set(o).expect(200);

    const teams = await list(owner.accessToken, 'action=team.');
    expect(teams.items.map((e) => e.action)).toEqual([
      'team.deleted',
      'team.managers-changed',
      'team.renamed',
      'team.created',
    ]);
    expect(teams.items.every((e) => e.targetId === teamId)).toBe(true);
    expect(teams.items[1].details).toEqual({ managerUserIds: [admin.user.id] });
    expect(teams.items[0]).toMatchObject({
      actorUserId: owner.user.id,
      actorName: 'Olga Owner',
      actorEmail: owner.user.email,
      clientAddress: expect.any(String),
    });
    // Team names are not stored in the entries.
    expect(JSON.stringify(teams.items)).not.toContain('Support');

    const tokens = await list(owner.accessToken, 'action=api-token.');
    expect(tokens.items.map((e) => e.action)).toEqual(['api-token.revoked', 'api-token.created']);
    // Recorded by the service, which passes no address: it comes from the request's context.
    expect(tokens.items.map((e) => e.clientAddress)).toEqual([
      expect.stringMatching(/\d/),
      expect.stringMatching(/\d/),
    ]);

    const devices = await eventually(owner.accessToken, 'action=device.', 3);
    expect(devices.items.map((e) => e.action)).toEqual([
      'device.revoked',
      'device.renamed',
      'device.enrolled',
    ]);
    for (const e of devices.items) {
      expect(e).toMatchObject({
        targetId: deviceId,
        subjectEmployeeId: employee.id,
        subjectEmployeeName: 'Dora Device',
      });
    }
    // The enrollment has no user behind it; its address is the request's.
    expect(devices.items[2]).toMatchObject({ actorUserId: null, actorName: null });
    expect(devices.items[2].clientAddress).toEqual(expect.any(String));
    expect(JSON.stringify(devices.items)).not.toContain('ws-dora');
    const enrollments = await list(owner.accessToken, 'action=enrollment-token.created');
    expect(enrollments.items).toHaveLength(1);

    // Whose data: everything about Dora, and nothing else.
    const about = await list(owner.accessToken, `subjectEmployeeId=${employee.id}`);
    expect(about.items.map((e) => e.action).sort()).toEqual(
      ['device.enrolled', 'device.renamed', 'device.revoked', 'employee.created'].sort(),
    );

    // Who: the admin did nothing but sign in.
    const byAdmin = await list(owner.accessToken, `actorUserId=${admin.user.id}`);
    expect(byAdmin.items.map((e) => e.action)).toEqual(['auth.sign-in']);
    expect(byAdmin.items[0].actorName).toBe('Admin Tester');

    // The chain still verifies with the new events and addresses in it.
    const verified = await http().get('/api/v1/audit/verify').set(o).expect(200);
    expect(verified.body).toMatchObject({ valid: true, brokenAt: null });
    expect(verified.body.entriesChecked).toBe(verified.body.headSeq);
  });

  it('filters by time and pages', async () => {
    const all = await list(owner.accessToken);
    expect(all.total).toBeGreaterThan(5);
    const middle = all.items[Math.floor(all.items.length / 2)];
    const before = await list(owner.accessToken, `to=${encodeURIComponent(middle.at)}`);
    expect(before.items.every((e) => e.at < middle.at)).toBe(true);
    const after = await list(owner.accessToken, `from=${encodeURIComponent(middle.at)}`);
    expect(after.items.every((e) => e.at >= middle.at)).toBe(true);
    expect(before.total + after.total).toBe(all.total);
    const offset = new Date(Date.parse(middle.at)).toISOString().replace('Z', '+00:00');
    expect((await list(owner.accessToken, `from=${encodeURIComponent(offset)}`)).total).toBe(
      after.total,
    );
    const future = await list(owner.accessToken, 'from=2099-01-01');
    expect(future).toMatchObject({ items: [], total: 0 });

    const page2 = await http().get('/api/v1/audit?pageSize=2&page=2').set(auth(owner.accessToken));
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect(page2.body.items.map((e: Entry) => e.seq)).toEqual(
      all.items.slice(2, 4).map((e) => e.seq),
    );
  });

  it('exports CSV with the same filters and audits the export', async () => {
    const o = auth(owner.accessToken);
    const teams = await list(owner.accessToken, 'action=team.');
    const res = await http().get('/api/v1/audit/export.csv?action=team.').set(o).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-log-.*\.csv"/);
    expect(res.headers['x-truncated']).toBe('false');
    const rows = parseCsv(res.text);
    expect(rows.map((r) => r['No.'])).toEqual(teams.items.map((e) => String(e.seq)));
    expect(rows[0]).toMatchObject({
      Action: 'team.deleted',
      'Performed by': 'Olga Owner',
      Email: owner.user.email,
      'Time (ISO 8601)': teams.items[0].at,
    });

    const everything = parseCsv(
      (await http().get('/api/v1/audit/export.csv').set(o).expect(200)).text,
    );
    const exported = await list(owner.accessToken, 'action=audit.exported');
    expect(exported.items).toHaveLength(2);
    expect(exported.items[1].details).toEqual({ filters: ['action'], action: 'team.', rows: 4 });
    // The second export's own entry is written before its rows are read.
    expect(everything[0].Action).toBe('audit.exported');
  });

  it('writes the CSV in the reader’s language: headers, separator and dates, the ISO time kept', async () => {
    const o = auth(owner.accessToken);
    const teams = await list(owner.accessToken, 'action=team.');
    const [newest] = teams.items;
    // dd.mm.yyyy hh:mm:ss (ru, uk) or dd/mm/yyyy (en), in UTC as the header says.
    const [, y, mo, d, time] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(newest.at)!;

    const ru = await http().get('/api/v1/audit/export.csv?action=team.&lang=ru').set(o).expect(200);
    expect(ru.text.split('\r\n')[0]).toBe(
      '\uFEFF№;Время (UTC);Время (ISO 8601);Действие;ID пользователя;Кто выполнил;Эл. почта;Роль;' +
        'Тип объекта;ID объекта;Объект;ID сотрудника;Сотрудник;Адрес клиента;Подробности;Хеш',
    );
    const ruRows = parseCsv(ru.text, ';');
    expect(ruRows.map((r) => r['№'])).toEqual(teams.items.map((e) => String(e.seq)));
    expect(ruRows[0]).toMatchObject({
      'Время (UTC)': `${d}.${mo}.${y} ${time}`,
      'Время (ISO 8601)': newest.at,
      Действие: 'team.deleted',
      'Кто выполнил': 'Olga Owner',
    });
    // The details stay JSON.
    expect(JSON.parse(ruRows[0]['Подробности'])).toEqual(newest.details);

    const uk = parseCsv(
      (await http().get('/api/v1/audit/export.csv?action=team.&lang=uk').set(o).expect(200)).text,
      ';',
    );
    expect(uk[0]).toMatchObject({ 'Час (UTC)': `${d}.${mo}.${y} ${time}`, Дія: 'team.deleted' });

    const en = parseCsv(
      (await http().get('/api/v1/audit/export.csv?action=team.&lang=en').set(o).expect(200)).text,
    );
    expect(en[0]).toMatchObject({
      'Time (UTC)': `${d}/${mo}/${y} ${time}`,
      Action: 'team.deleted',
    });

    for (const lang of ['de', 'RU', '', 'en,ru']) {
      const res = await http().get(`/api/v1/audit/export.csv?lang=${lang}`).set(o);
      expect([lang, res.status]).toEqual([lang, 400]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }

    // Without lang: the caller's language, else the organization's.
    await http().patch('/api/v1/me').set(o).send({ locale: 'uk' }).expect(200);
    const mine = await http().get('/api/v1/audit/export.csv?action=team.').set(o).expect(200);
    expect(mine.text.split('\r\n')[0]).toMatch(/^\uFEFF№;Час \(UTC\);/);
    await http().patch('/api/v1/me').set(o).send({ locale: null }).expect(200);
    await http().patch('/api/v1/organizations/current').set(o).send({ locale: 'ru' }).expect(200);
    const theirs = await http().get('/api/v1/audit/export.csv?action=team.').set(o).expect(200);
    expect(theirs.text.split('\r\n')[0]).toMatch(/^\uFEFF№;Время \(UTC\);/);
    await http().patch('/api/v1/organizations/current').set(o).send({ locale: 'en' }).expect(200);
    const back = await http().get('/api/v1/audit/export.csv?action=team.').set(o).expect(200);
    expect(back.text.split('\r\n')[0]).toMatch(/^\uFEFFNo\.,Time \(UTC\),/);
  });

  it('never shows another organization’s entries', async () => {
    await http()
      .post('/api/v1/teams')
      .set(auth(other.accessToken))
      .send({ name: 'Bravo team' })
      .expect(201);
    const mine = await list(owner.accessToken);
    const theirs = await list(other.accessToken);
    expect(theirs.items.length).toBeGreaterThan(0);
    // A team's name is resolved now, for its own organization only.
    expect(theirs.items.find((e) => e.action === 'team.created')).toMatchObject({
      targetName: 'Bravo team',
    });
    expect(JSON.stringify(mine)).not.toContain('Bravo team');
    const seen = new Set(mine.items.map((e) => e.actorUserId));
    expect(theirs.items.some((e) => seen.has(e.actorUserId))).toBe(false);
    expect(JSON.stringify(theirs)).not.toContain(owner.user.email);

    const ownerEmployee = mine.items.find((e) => e.subjectEmployeeId)?.subjectEmployeeId;
    expect(ownerEmployee).toBeDefined();
    const filtered = await list(other.accessToken, `subjectEmployeeId=${ownerEmployee}`);
    expect(filtered).toMatchObject({ items: [], total: 0 });
    const byActor = await list(other.accessToken, `actorUserId=${owner.user.id}`);
    expect(byActor.total).toBe(0);
    const csv = await http()
      .get(`/api/v1/audit/export.csv?actorUserId=${owner.user.id}`)
      .set(auth(other.accessToken))
      .expect(200);
    expect(parseCsv(csv.text)).toEqual([]);
    expect(csv.text).not.toContain(owner.user.email);
  });

  it('answers bad filters with 400 problems and keeps who may read', async () => {
    const bad = [
      'actorUserId=nope',
      'subjectEmployeeId=123',
      'from=yesterday',
      'from=2026-13-01',
      'to=2026-02-30',
      'from=2026-11-02T10:00',
      'from=2026-W01',
      'to=1700000000',
      'from=2026-11-03&to=2026-11-02',
      'from=2026-11-02&to=2026-11-02',
      'action=Team.',
      'action=%25',
      `action=${'a'.repeat(65)}`,
      'from[]=2026-11-02',
    ];
    for (const q of bad) {
      for (const path of ['/api/v1/audit', '/api/v1/audit/export.csv']) {
        const res = await http().get(`${path}?${q}`).set(auth(owner.accessToken));
        expect([q, path, res.status]).toEqual([q, path, 400]);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 400, title: expect.any(String) });
        expect(typeof res.body.detail).toBe('string');
      }
    }
    expect(
      (await http().get('/api/v1/audit/export.csv?page=2').set(auth(owner.accessToken))).status,
    ).toBe(400);

    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    const employee = await createUserWithRole(ctx.app, owner.accessToken, 'employee');
    const readers: Record<string, number> = {};
    for (const [role, t] of [
      ['hr', hr.accessToken],
      ['employee', employee.accessToken],
    ] as const) {
      const listed = await http().get('/api/v1/audit').set(auth(t));
      const exported = await http().get('/api/v1/audit/export.csv').set(auth(t));
      expect(exported.status).toBe(listed.status);
      readers[role] = listed.status;
    }
    expect(readers.employee).toBe(403);
    expect((await http().get('/api/v1/audit/export.csv')).status).toBe(401);
    expect(
      (
        await http()
          .get(`/api/v1/audit?from=2026-11-02&x=${randomUUID()}`)
          .set(auth(owner.accessToken))
      ).status,
    ).toBe(400);
  });
});
