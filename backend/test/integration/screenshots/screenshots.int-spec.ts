import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { RetentionService } from '#src/modules/privacy/retention/retention.service.js';
import { ScreenshotsService } from '#src/modules/screenshots/screenshots.service.js';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
  type TestTeam,
  type TestUser,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { drainJobs, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { binaryParser, http, waitForStatus } from '../privacy/privacy-fixtures.js';
import { enrollDevice } from '../reports/report-fixtures.js';
import {
  auth,
  detailedJpeg,
  getBytes,
  pixelStdev,
  unzipBuffers,
  uploadShot,
} from './screenshot-fixtures.js';

const HOUR = 3_600_000;

function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    n += e.isDirectory() ? countFiles(join(dir, e.name)) : e.isFile() ? 1 : 0;
  }
  return n;
}

describe('screenshots', () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let other: SignedUp;
  let t1: TestTeam;
  let t2: TestTeam;
  let alice: TestEmployee;
  let bob: TestEmployee;
  let aliceDevice: string;
  let aliceDevice2: string;
  let bobDevice: string;
  let aliceLogin: TestUser;
  let bobLogin: TestUser;
  let manager: TestUser;
  let jpeg: Buffer;

  const rows = async (where = '1 = 1', params: unknown[] = []) =>
    Number(
      (
        await ctx.app
          .get(DataSource)
          .query<{ n: number }[]>(`SELECT COUNT(*) AS n FROM screenshots WHERE ${where}`, params)
      )[0].n,
    );
  const storedFiles = async (prefix = '') =>
    ctx.app.get(ScreenshotsService)['storage'].list(prefix || owner.organization.id);

  const publishNotice = async (coversScreenshots: boolean) => {
    const draft = await http(ctx.app)
      .post('/api/v1/privacy/notices')
      .set(auth(owner.accessToken))
      .send({
        texts: { en: `We record time${coversScreenshots ? ' and screenshots' : ''}.` },
        coversScreenshots,
      });
    expect(draft.status).toBe(201);
    expect(draft.body.coversScreenshots).toBe(coversScreenshots);
    const published = await http(ctx.app)
      .post(`/api/v1/privacy/notices/${draft.body.id}/publish`)
      .set(auth(owner.accessToken));
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', coversScreenshots });
    return published.body.version as number;
  };
  const acknowledge = async (deviceToken: string, version: number) => {
    const res = await http(ctx.app)
      .post('/api/v1/agent/notice/acknowledgements')
      .set(auth(deviceToken))
      .send({ version });
    expect(res.status).toBe(201);
  };
  const setOrg = (body: Record<string, unknown>) =>
    http(ctx.app).put('/api/v1/settings/screenshots').set(auth(owner.accessToken)).send(body);

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
    other = await signUp(ctx.app);
    t1 = await createTeam(ctx.app, owner.accessToken, 'Support');
    t2 = await createTeam(ctx.app, owner.accessToken, 'Sales');
    alice = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Alice Screenwell',
      email: `alice-${randomUUID().slice(0, 6)}@shots.test`,
      teamId: t1.id,
    });
    bob = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Bob Pixelford',
      email: `bob-${randomUUID().slice(0, 6)}@shots.test`,
      teamId: t2.id,
    });
    aliceDevice = await enrollDevice(ctx.app, owner.accessToken, alice.email);
    aliceDevice2 = await enrollDevice(ctx.app, owner.accessToken, alice.email);
    bobDevice = await enrollDevice(ctx.app, owner.accessToken, bob.email);
    aliceLogin = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: alice.id,
    });
    bobLogin = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: bob.id,
    });
    manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [t1.id],
    });
    jpeg = await detailedJpeg();
  });
  afterAll(async () => {
    await drainJobs(ctx).catch(() => undefined);
    await jobs.close();
    await ctx.close();
  });

  it('is off by default: the policy says so and an upload is refused, nothing stored', async () => {
    const settings = await http(ctx.app)
      .get('/api/v1/settings/screenshots')
      .set(auth(owner.accessToken));
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({
      organization: {
        enabled: false,
        intervalSeconds: 600,
        randomize: false,
        blur: 'none',
        excludedApps: [],
        excludedSites: [],
        retentionDays: 30,
        deleteWindowHours: 24,
      },
      teams: [],
    });
    const policy = await http(ctx.app)
      .get('/api/v1/agent/screenshot-policy')
      .set(auth(aliceDevice));
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({
      enabled: false,
      reason: 'off',
      maxWidth: 1920,
      format: 'jpeg',
      quality: 70,
    });
    const { res } = await uploadShot(ctx, aliceDevice, jpeg);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, code: 'screenshots-disabled', reason: 'off' });
    expect(res.body.type).toMatch(/\/screenshots-disabled$/);
    expect(await rows()).toBe(0);
    expect(await storedFiles()).toEqual([]);
  });

  it('turning on needs a published notice that covers screenshots; uploads wait for the acknowledgement', async () => {
    const none = await setOrg({ enabled: true });
    expect(none.status).toBe(409);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.body.type).toMatch(/notice-does-not-cover-screenshots$/);

    await publishNotice(false);
    expect((await setOrg({ enabled: true })).status).toBe(409);
    const stillOff = await http(ctx.app)
      .get('/api/v1/settings/screenshots')
      .set(auth(owner.accessToken));
    expect(stillOff.body.organization.enabled).toBe(false);

    const version = await publishNotice(true);
    const on = await setOrg({
      enabled: true,
      intervalSeconds: 300,
      randomize: true,
      excludedSites: ['Bank.Example.com'],
    });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({
      enabled: true,
      intervalSeconds: 300,
      randomize: true,
      excludedSites: ['bank.example.com'],
    });

    const before = await http(ctx.app)
      .get('/api/v1/agent/screenshot-policy')
      .set(auth(aliceDevice));
    expect(before.body).toMatchObject({
      enabled: false,
      reason: 'notice-not-acknowledged',
      noticeVersion: version,
    });
    const refused = await uploadShot(ctx, aliceDevice, jpeg);
    expect(refused.res.status).toBe(403);
    expect(refused.res.body.type).toMatch(/screenshots-disabled$/);
    expect(await rows()).toBe(0);

    await acknowledge(aliceDevice, version);
    await acknowledge(bobDevice, version);
    const after = await http(ctx.app)
      .get('/api/v1/agent/screenshot-policy')
      .set(auth(aliceDevice2));
    expect(after.body).toMatchObject({
      enabled: true,
      intervalSeconds: 300,
      randomize: true,
      excludedSites: ['bank.example.com'],
      noticeVersion: version,
    });
    expect(after.body.reason).toBeUndefined();
  });

  it('stores an upload once: 201, a re-send 200 duplicate, the same id from another device 409', async () => {
    const first = await uploadShot(ctx, aliceDevice, jpeg);
    expect(first.res.status).toBe(201);
    expect(first.res.body).toEqual({ id: first.id, stored: true });
    const again = await uploadShot(ctx, aliceDevice, jpeg, { id: first.id });
    expect(again.res.status).toBe(200);
    expect(again.res.body).toEqual({ id: first.id, duplicate: true });
    const elsewhere = await uploadShot(ctx, aliceDevice2, jpeg, { id: first.id });
    expect(elsewhere.res.status).toBe(409);
    expect(await rows('id = ?', [first.id])).toBe(1);
    expect(
      (await storedFiles(`${owner.organization.id}/${alice.id}`))
        .filter((k) => k.includes(first.id))
        .sort(),
    ).toEqual([
      expect.stringMatching(new RegExp(`${first.id}\\.image\\.webp$`)),
      expect.stringMatching(new RegExp(`${first.id}\\.thumb\\.webp$`)),
    ]);
  });

  it('refuses bad input with the 4xx of the contract and stores nothing', async () => {
    const before = await rows();
    const filesBefore = (await storedFiles()).length;
    const post = () => http(ctx.app).post('/api/v1/agent/screenshots').set(auth(aliceDevice));
    const id = randomUUID();
    const now = new Date(Date.now() - 60_000).toISOString();
    const cases: [
      string,
      Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>,
      number,
    ][] = [
      ['no file', post().field('id', id).field('capturedAt', now), 400],
      [
        'bad id',
        post()
          .field('id', 'nope')
          .field('capturedAt', now)
          .attach('image', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' }),
        400,
      ],
      [
        'no offset',
        post()
          .field('id', id)
          .field('capturedAt', '2026-12-01T10:00:00')
          .attach('image', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' }),
        400,
      ],
      [
        'not a time',
        post()
          .field('id', id)
          .field('capturedAt', 'yesterday')
          .attach('image', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' }),
        400,
      ],
      [
        'future',
        post()
          .field('id', id)
          .field('capturedAt', new Date(Date.now() + 2 * HOUR).toISOString())
          .attach('image', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' }),
        400,
      ],
      [
        'unknown field',
        post()
          .field('id', id)
          .field('capturedAt', now)
          .field('owner', 'x')
          .attach('image', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' }),
        400,
      ],
      [
        'two files',
        post()
          .field('id', id)
          .field('capturedAt', now)
          .attach('image', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' })
          .attach('image', jpeg, { filename: 'b.jpg', contentType: 'image/jpeg' }),
        400,
      ],
      [
        'file under another name',
        post()
          .field('id', id)
          .field('capturedAt', now)
          .attach('picture', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' }),
        400,
      ],
      [
        'png',
        post()
          .field('id', id)
          .field('capturedAt', now)
          .attach('image', jpeg, { filename: 'a.png', contentType: 'image/png' }),
        415,
      ],
      [
        'text claiming jpeg',
        post()
          .field('id', id)
          .field('capturedAt', now)
          .attach('image', Buffer.from('hello, not an image'), {
            filename: 'a.jpg',
            contentType: 'image/jpeg',
          }),
        415,
      ],
      [
        'truncated jpeg',
        post()
          .field('id', id)
          .field('capturedAt', now)
          .attach('image', jpeg.subarray(0, 400), { filename: 'a.jpg', contentType: 'image/jpeg' }),
        415,
      ],
      [
        'over 5 MB',
        post()
          .field('id', id)
          .field('capturedAt', now)
          .attach('image', Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)]), {
            filename: 'a.jpg',
            contentType: 'image/jpeg',
          }),
        413,
      ],
      ['json body', post().send({ id, capturedAt: now }), 400],
      [
        'malformed multipart',
        post()
          .set('Content-Type', 'multipart/form-data; boundary=XYZ')
          .send(
            '--XYZ\r\nContent-Disposition: form-data; name="id"\r\n\r\n' +
              id +
              '\r\n--XYZ\r\nContent-Disposition: form-da',
          ),
        400,
      ],
      [
        'multipart without boundary',
        post().set('Content-Type', 'multipart/form-data').send('garbage'),
        400,
      ],
      [
        'no device token',
        http(ctx.app)
          .post('/api/v1/agent/screenshots')
          .field('id', id)
          .field('capturedAt', now)
          .attach('image', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' }),
        401,
      ],
    ];
    for (const [name, call, status] of cases) {
      const res = await call;
      expect({ name, status: res.status }).toEqual({ name, status });
      expect({ name, type: res.headers['content-type'] }).toEqual({
        name,
        type: expect.stringMatching(/application\/problem\+json/),
      });
    }
    expect(await rows()).toBe(before);
    expect((await storedFiles()).length).toBe(filesBefore);
  });

  it('plays back a day for people in scope; employees only through /me; other organizations see nothing', async () => {
    const day = new Date(Date.now() - 3 * HOUR);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id, res } = await uploadShot(ctx, aliceDevice, jpeg, {
        capturedAt: new Date(day.getTime() + i * 600_000).toISOString(),
      });
      expect(res.status).toBe(201);
      ids.push(id);
    }
    const bobShot = await uploadShot(ctx, bobDevice, jpeg);
    expect(bobShot.res.status).toBe(201);
    const from = new Date(day.getTime() - 1000).toISOString();
    const to = new Date(day.getTime() + HOUR).toISOString();
    const q = `employeeId=${alice.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

    const page1 = await http(ctx.app)
      .get(`/api/v1/screenshots?${q}&limit=2`)
      .set(auth(owner.accessToken));
    expect(page1.status).toBe(200);
    expect(page1.headers['cache-control']).toMatch(/no-store/);
    expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2));
    expect(page1.body.items[0]).toMatchObject({
      employeeId: alice.id,
      width: 800,
      height: 500,
      blur: 'none',
    });
    const page2 = await http(ctx.app)
      .get(`/api/v1/screenshots?${q}&limit=2&cursor=${page1.body.nextCursor}`)
      .set(auth(owner.accessToken));
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ id: ids[2] })],
      nextCursor: null,
    });

    const image = await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${ids[0]}/image`);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect((image.body as Buffer).subarray(8, 12).toString()).toBe('WEBP');
    const thumb = await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${ids[0]}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect((thumb.body as Buffer).length).toBeLessThan((image.body as Buffer).length);

    // The manager of Alice's team sees her, not Bob.
    expect(
      (await http(ctx.app).get(`/api/v1/screenshots?${q}`).set(auth(manager.accessToken))).status,
    ).toBe(200);
    expect(
      (await getBytes(ctx, manager.accessToken, `/api/v1/screenshots/${ids[0]}/thumbnail`)).status,
    ).toBe(200);
    const bobQ = `employeeId=${bob.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date().toISOString())}`;
    expect(
      (await http(ctx.app).get(`/api/v1/screenshots?${bobQ}`).set(auth(manager.accessToken)))
        .status,
    ).toBe(404);
    expect(
      (await getBytes(ctx, manager.accessToken, `/api/v1/screenshots/${bobShot.id}/image`)).status,
    ).toBe(404);
    // Another organization: as if it did not exist.
    expect(
      (await http(ctx.app).get(`/api/v1/screenshots?${q}`).set(auth(other.accessToken))).status,
    ).toBe(404);
    expect(
      (await getBytes(ctx, other.accessToken, `/api/v1/screenshots/${ids[0]}/image`)).status,
    ).toBe(404);
    expect(
      (await http(ctx.app).delete(`/api/v1/me/screenshots/${ids[0]}`).set(auth(other.accessToken)))
        .status,
    ).toBe(404);
    // Employees: only their own, through /me.
    expect(
      (await http(ctx.app).get(`/api/v1/screenshots?${q}`).set(auth(aliceLogin.accessToken)))
        .status,
    ).toBe(403);
    const mine = await http(ctx.app)
      .get(`/api/v1/me/screenshots?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
      .set(auth(aliceLogin.accessToken));
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual(ids);
    expect(
      (await getBytes(ctx, aliceLogin.accessToken, `/api/v1/me/screenshots/${ids[1]}/image`))
        .status,
    ).toBe(200);
    expect(
      (await getBytes(ctx, aliceLogin.accessToken, `/api/v1/me/screenshots/${bobShot.id}/image`))
        .status,
    ).toBe(404);
    // Bad queries are 400, never 500.
    for (const bad of [
      `employeeId=${alice.id}&from=x&to=${to}`,
      `employeeId=nope&from=${from}&to=${to}`,
      `${q}&cursor=${Buffer.from('1|nope').toString('base64url')}`,
      `${q}&limit=0`,
      `employeeId=${alice.id}&from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`,
    ]) {
      expect({
        bad,
        status: (await http(ctx.app).get(`/api/v1/screenshots?${bad}`).set(auth(owner.accessToken)))
          .status,
      }).toEqual({ bad, status: 400 });
    }
    expect(
      (await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/not-a-uuid/image`)).status,
    ).toBe(400);
    expect(
      (await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${randomUUID()}/image`)).status,
    ).toBe(404);
  });

  it('audits each view by someone else and shows it in the employee’s “who viewed my data”', async () => {
    const { id } = await uploadShot(ctx, aliceDevice, jpeg);
    await getBytes(ctx, aliceLogin.accessToken, `/api/v1/me/screenshots/${id}/image`);
    const beforeViews = await http(ctx.app)
      .get('/api/v1/me/data-views?pageSize=200')
      .set(auth(aliceLogin.accessToken));
    const count = (body: { items: { what: string }[] }) =>
      body.items.filter((i) => i.what === 'screenshot').length;
    const before = count(beforeViews.body);
    await getBytes(ctx, manager.accessToken, `/api/v1/screenshots/${id}/image`);
    const views = await http(ctx.app)
      .get('/api/v1/me/data-views?pageSize=200')
      .set(auth(aliceLogin.accessToken));
    expect(views.status).toBe(200);
    expect(count(views.body)).toBe(before + 1);
    expect(views.body.items[0]).toMatchObject({
      viewerUserId: manager.user.id,
      viewerRole: 'manager',
      what: 'screenshot',
    });
    const log = await http(ctx.app)
      .get('/api/v1/audit?action=data.viewed&pageSize=200')
      .set(auth(owner.accessToken));
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.body.items)).toContain(id);
    // Bob sees nothing about Alice's screenshots.
    const bobViews = await http(ctx.app)
      .get('/api/v1/me/data-views?pageSize=200')
      .set(auth(bobLogin.accessToken));
    expect(count(bobViews.body)).toBe(0);
  });

  it('blur levels: blurred keeps only a visibly blurred image; thumbnails keeps no image at all', async () => {
    const clear = await uploadShot(ctx, aliceDevice, jpeg);
    const blurredTeam = await http(ctx.app)
      .put(`/api/v1/settings/screenshots/teams/${t2.id}`)
      .set(auth(owner.accessToken))
      .send({ blur: 'blurred' });
    expect(blurredTeam.status).toBe(200);
    expect(blurredTeam.body).toMatchObject({
      enabled: true,
      blur: 'blurred',
      intervalSeconds: 300,
    });
    const blurred = await uploadShot(ctx, bobDevice, jpeg);
    expect(blurred.res.status).toBe(201);
    const clearImage = (
      await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${clear.id}/image`)
    ).body as Buffer;
    const blurredImage = (
      await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${blurred.id}/image`)
    ).body as Buffer;
    const clearStdev = await pixelStdev(clearImage);
    const blurredStdev = await pixelStdev(blurredImage);
    expect(clearStdev).toBeGreaterThan(40);
    expect(blurredStdev).toBeLessThan(clearStdev / 4);

    const overview = await http(ctx.app)
      .get('/api/v1/settings/screenshots')
      .set(auth(owner.accessToken));
    expect(overview.body.teams).toEqual([
      expect.objectContaining({ teamId: t2.id, teamName: 'Sales', blur: 'blurred' }),
    ]);

    expect(
      (
        await http(ctx.app)
          .put(`/api/v1/settings/screenshots/teams/${t2.id}`)
          .set(auth(owner.accessToken))
          .send({ blur: 'thumbnails' })
      ).status,
    ).toBe(200);
    const thumbOnly = await uploadShot(ctx, bobDevice, jpeg);
    expect(thumbOnly.res.status).toBe(201);
    const noImage = await http(ctx.app)
      .get(`/api/v1/screenshots/${thumbOnly.id}/image`)
      .set(auth(owner.accessToken));
    expect(noImage.status).toBe(404);
    expect(noImage.body.detail).toMatch(/thumbnails only/);
    expect(
      (await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${thumbOnly.id}/thumbnail`))
        .status,
    ).toBe(200);
    expect(
      (await storedFiles(`${owner.organization.id}/${bob.id}`)).filter((k) =>
        k.includes(thumbOnly.id),
      ),
    ).toEqual([expect.stringMatching(/\.thumb\.webp$/)]);
    // The team inherits again; bad settings are 400; other roles and organizations are refused.
    expect(
      (
        await http(ctx.app)
          .delete(`/api/v1/settings/screenshots/teams/${t2.id}`)
          .set(auth(owner.accessToken))
      ).status,
    ).toBe(204);
    expect(
      (
        await http(ctx.app)
          .delete(`/api/v1/settings/screenshots/teams/${t2.id}`)
          .set(auth(owner.accessToken))
      ).status,
    ).toBe(404);
    for (const bad of [
      { blur: 'pixelated' },
      { intervalSeconds: 5 },
      { retentionDays: 0 },
      { excludedApps: 'Slack' },
      { enabled: 'yes' },
      { color: 'red' },
    ]) {
      expect({ bad, status: (await setOrg(bad)).status }).toEqual({ bad, status: 400 });
    }
    expect(
      (
        await http(ctx.app)
          .put('/api/v1/settings/screenshots')
          .set(auth(manager.accessToken))
          .send({ enabled: false })
      ).status,
    ).toBe(403);
    expect(
      (await http(ctx.app).get('/api/v1/settings/screenshots').set(auth(aliceLogin.accessToken)))
        .status,
    ).toBe(403);
    expect(
      (
        await http(ctx.app)
          .put(`/api/v1/settings/screenshots/teams/${t1.id}`)
          .set(auth(other.accessToken))
          .send({ blur: 'none' })
      ).status,
    ).toBe(404);
  });

  it('the employee deletes their own capture within the window, not after, and never another’s', async () => {
    const recent = await uploadShot(ctx, aliceDevice, jpeg);
    const old = await uploadShot(ctx, aliceDevice, jpeg, {
      capturedAt: new Date(Date.now() - 30 * HOUR).toISOString(),
    });
    const fromAgent = await uploadShot(ctx, aliceDevice2, jpeg);
    const bobs = await uploadShot(ctx, bobDevice, jpeg);
    for (const s of [recent, old, fromAgent, bobs]) expect(s.res.status).toBe(201);

    expect(
      (
        await http(ctx.app)
          .delete(`/api/v1/me/screenshots/${bobs.id}`)
          .set(auth(aliceLogin.accessToken))
      ).status,
    ).toBe(404);
    expect(
      (await http(ctx.app).delete(`/api/v1/agent/screenshots/${bobs.id}`).set(auth(aliceDevice)))
        .status,
    ).toBe(404);
    expect(
      (await http(ctx.app).delete(`/api/v1/agent/screenshots/not-a-uuid`).set(auth(aliceDevice)))
        .status,
    ).toBe(400);
    expect(await rows('id = ?', [bobs.id])).toBe(1);

    const late = await http(ctx.app)
      .delete(`/api/v1/me/screenshots/${old.id}`)
      .set(auth(aliceLogin.accessToken));
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/\/delete-window-passed$/);
    expect(late.body.code).toBe('delete-window-passed');
    expect(await rows('id = ?', [old.id])).toBe(1);

    expect(
      (
        await http(ctx.app)
          .delete(`/api/v1/me/screenshots/${recent.id}`)
          .set(auth(aliceLogin.accessToken))
      ).status,
    ).toBe(204);
    // From the agent, any device of the same employee.
    expect(
      (
        await http(ctx.app)
          .delete(`/api/v1/agent/screenshots/${fromAgent.id}`)
          .set(auth(aliceDevice))
      ).status,
    ).toBe(204);
    for (const id of [recent.id, fromAgent.id]) {
      expect(await rows('id = ?', [id])).toBe(0);
      expect(
        (await storedFiles(`${owner.organization.id}/${alice.id}`)).filter((k) => k.includes(id)),
      ).toEqual([]);
      expect(
        (await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${id}/image`)).status,
      ).toBe(404);
    }
    expect(
      (
        await http(ctx.app)
          .delete(`/api/v1/me/screenshots/${recent.id}`)
          .set(auth(aliceLogin.accessToken))
      ).status,
    ).toBe(404);
  });

  it('the retention purge removes captures older than the screenshot retention, rows and files', async () => {
    expect((await setOrg({ retentionDays: 2 })).status).toBe(200);
    const older = await uploadShot(ctx, bobDevice, jpeg, {
      capturedAt: new Date(Date.now() - 36 * HOUR).toISOString(),
    });
    const newer = await uploadShot(ctx, bobDevice, jpeg, {
      capturedAt: new Date(Date.now() - 1 * HOUR).toISOString(),
    });
    expect(older.res.status).toBe(201);
    expect(newer.res.status).toBe(201);
    // Beyond the retention already: refused as bad input.
    const tooOld = await uploadShot(ctx, bobDevice, jpeg, {
      capturedAt: new Date(Date.now() - 72 * HOUR).toISOString(),
    });
    expect(tooOld.res.status).toBe(400);

    const report = await ctx.app
      .get(RetentionService)
      .purge(owner.organization.id, new Date(Date.now() + 13 * HOUR));
    expect(report.screenshots).toBeGreaterThanOrEqual(1);
    expect(await rows('id = ?', [older.id])).toBe(0);
    expect(await rows('id = ?', [newer.id])).toBe(1);
    const keys = await storedFiles(`${owner.organization.id}/${bob.id}`);
    expect(keys.filter((k) => k.includes(older.id))).toEqual([]);
    expect(keys.filter((k) => k.includes(newer.id)).length).toBeGreaterThan(0);
    expect((await setOrg({ retentionDays: 30 })).status).toBe(200);
  });

  it('an access request carries the screenshots as files, each listed in the manifest', async () => {
    const shots = await http(ctx.app)
      .get(`/api/v1/me/screenshots?from=2020-01-01&to=2030-01-01`)
      .set(auth(aliceLogin.accessToken));
    const ids = (shots.body.items as { id: string }[]).map((i) => i.id);
    expect(ids.length).toBeGreaterThan(3);
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'access', employeeId: alice.id });
    expect(filed.status).toBe(201);
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['completed']);
    const zip = await http(ctx.app)
      .get(done.downloadUrl as string)
      .set(auth(owner.accessToken))
      .buffer(true)
      .parse(binaryParser);
    expect(zip.status).toBe(200);
    const files = await unzipBuffers(zip.body as Buffer);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
      files: { file: string }[];
    };
    const listed = JSON.parse(files.get('screenshots.json')!.toString('utf8')) as {
      id: string;
      file: string;
    }[];
    expect(listed.map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const s of listed) {
      expect(manifest.files.map((f) => f.file)).toContain(s.file);
      const bytes = files.get(s.file);
      expect(bytes?.subarray(8, 12).toString()).toBe('WEBP');
    }
    const one = listed[0];
    const served = await getBytes(
      ctx,
      aliceLogin.accessToken,
      `/api/v1/me/screenshots/${one.id}/image`,
    );
    expect(Buffer.compare(files.get(one.file)!, served.body as Buffer)).toBe(0);
  });

  it('erasure removes the screenshots everywhere and its verification searches the store', async () => {
    expect(await rows('employeeId = ?', [alice.id])).toBeGreaterThan(0);
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'erasure', employeeId: alice.id });
    expect(filed.status).toBe(201);
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['completed']);
    const verification = done.verification as {
      passed: boolean;
      findings: string[];
      storesSearched: string[];
      deleted: Record<string, number>;
    };
    expect(verification.findings).toEqual([]);
    expect(verification.passed).toBe(true);
    expect(verification.storesSearched).toContain('screenshots');
    expect(verification.deleted.screenshots).toBeGreaterThan(0);
    expect(await rows('employeeId = ?', [alice.id])).toBe(0);
    expect(await storedFiles(`${owner.organization.id}/${alice.id}`)).toEqual([]);
    expect(existsSync(join(ctx.config.screenshots.dir, owner.organization.id, alice.id))).toBe(
      false,
    );
    // Bob's captures stay, and the byte scan of DATA_DIR left the (large, textless) store out.
    expect(await rows('employeeId = ?', [bob.id])).toBeGreaterThan(0);
    const inStore = (await storedFiles()).length;
    expect(inStore).toBeGreaterThan(0);
    expect(
      (verification as unknown as { filesSearched: number }).filesSearched,
    ).toBeLessThanOrEqual(countFiles(ctx.dataDir) - inStore);

    // What the verification reports when the store still holds something of the person.
    const stray = join(
      ctx.config.screenshots.dir,
      owner.organization.id,
      alice.id,
      '2026-12',
      'x.thumb.webp',
    );
    await mkdir(join(stray, '..'), { recursive: true });
    await writeFile(stray, 'left behind');
    expect(
      await ctx.app.get(ScreenshotsService).remainsOf(owner.organization.id, alice.id),
    ).toEqual(['screenshot-storage:1 files']);
  });

  it('a closed organization past its grace period loses its whole screenshot folder', async () => {
    expect((await storedFiles()).length).toBeGreaterThan(0);
    const closed = await http(ctx.app)
      .post('/api/v1/privacy/organization-closure')
      .set(auth(owner.accessToken));
    expect(closed.status).toBe(201);
    const purged = await ctx.app
      .get(RetentionService)
      .purgeClosed(new Date(Date.now() + 31 * 24 * HOUR));
    expect(purged).toContain(owner.organization.id);
    expect(await rows('organizationId = ?', [owner.organization.id])).toBe(0);
    expect(existsSync(join(ctx.config.screenshots.dir, owner.organization.id))).toBe(false);
  });
});
