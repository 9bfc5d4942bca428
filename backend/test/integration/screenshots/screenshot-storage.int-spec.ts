// The storage port's contract, run against each implementation: the filesystem store and an
// S3-compatible bucket on a real S3 server (s3rver over HTTP); then the api's path through each.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { RetentionService } from '#src/modules/privacy/retention/retention.service.js';
import { FileSystemScreenshotStorage } from '#src/modules/screenshots/storage/filesystem-screenshot-storage.js';
import { S3ScreenshotStorage } from '#src/modules/screenshots/storage/s3-screenshot-storage.js';
import {
  SCREENSHOT_STORAGE,
  type ScreenshotStorage,
} from '#src/modules/screenshots/storage/screenshot-storage.js';
import { createEmployee, signUp } from '#test/factories/accounts.factory.js';
import { startS3Server, type TestS3Server } from '#test/support/s3-server.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { drainJobs, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { binaryParser, http, waitForStatus } from '../privacy/privacy-fixtures.js';
import { enrollDevice } from '../reports/report-fixtures.js';
import { auth, detailedJpeg, getBytes, unzipBuffers, uploadShot } from './screenshot-fixtures.js';

const HOUR = 3_600_000;

interface Backend {
  storage: ScreenshotStorage;
  /** Variables that make the api use the same store. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    'filesystem',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'ctx-shots-'));
      return Promise.resolve({
        storage: new FileSystemScreenshotStorage(dir),
        env: { SCREENSHOTS_STORAGE: 'filesystem', SCREENSHOTS_DIR: dir },
        close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      });
    },
  ],
  [
    's3',
    async () => {
      const server: TestS3Server = await startS3Server();
      const storage = new S3ScreenshotStorage({
        endpoint: server.endpoint,
        bucket: server.bucket,
        region: 'us-east-1',
        accessKeyId: server.env.SCREENSHOTS_S3_ACCESS_KEY_ID,
        secretAccessKey: server.env.SCREENSHOTS_S3_SECRET_ACCESS_KEY,
        forcePathStyle: true,
      });
      await storage.verify();
      return { storage, env: server.env, close: () => server.close() };
    },
  ],
];

const bytes = (text: string) => Buffer.from(text, 'utf8');
const key = (org: string, emp: string, id: string, kind = 'thumb') =>
  `${org}/${emp}/2026-11/${id}.${kind}.webp`;

describe.each(backends)('screenshot storage contract: %s', (_name, start) => {
  let backend: Backend;
  let store: ScreenshotStorage;
  const org = randomUUID();
  const emp = randomUUID();
  // Starts with emp's id: a prefix that is not a folder must not reach it.
  const neighbour = `${emp}0`;

  beforeAll(async () => {
    backend = await start();
    store = backend.storage;
  });
  afterAll(async () => backend.close());

  it('puts and gets bytes; a second put replaces them; a missing key is null', async () => {
    const k = key(org, emp, randomUUID());
    await store.put(k, bytes('first'));
    expect((await store.get(k))?.toString()).toBe('first');
    await store.put(k, bytes('second, longer'));
    expect((await store.get(k))?.toString()).toBe('second, longer');
    expect(await store.get(key(org, emp, randomUUID()))).toBeNull();
    const large = Buffer.alloc(3 * 1024 * 1024, 7);
    const big = key(org, emp, randomUUID(), 'image');
    await store.put(big, large);
    expect(Buffer.compare((await store.get(big))!, large)).toBe(0);
    expect(await store.delete([k, big])).toBe(2);
  });

  it('lists by owner: every key under a person or an organization, not a neighbour’s', async () => {
    const mine = [
      key(org, emp, 'a'),
      key(org, emp, 'b', 'image'),
      `${org}/${emp}/2026-12/c.thumb.webp`,
    ];
    const theirs = key(org, neighbour, 'd');
    for (const k of [...mine, theirs]) await store.put(k, bytes(k));
    expect((await store.list(`${org}/${emp}`)).sort()).toEqual([...mine].sort());
    expect((await store.list(`${org}/${neighbour}`)).sort()).toEqual([theirs]);
    expect((await store.list(org)).sort()).toEqual([...mine, theirs].sort());
    expect(await store.list(randomUUID())).toEqual([]);
    await store.deletePrefix(org);
  });

  it('deletes the keys asked, a missing one being no error, and leaves the rest', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((id) => key(org, emp, id));
    for (const k of [a, b, c]) await store.put(k, bytes(k));
    expect(await store.delete([a, b])).toBe(2);
    expect(await store.get(a)).toBeNull();
    expect(await store.get(b)).toBeNull();
    expect((await store.get(c))?.toString()).toBe(c);
    await expect(store.delete([a, key(org, emp, 'never')])).resolves.toEqual(expect.any(Number));
    expect(await store.delete([])).toBe(0);
    expect(await store.list(`${org}/${emp}`)).toEqual([c]);
    await store.delete([c]);
  });

  it('erasure leaves nothing: deletePrefix of a person removes all of theirs, past one page of 1,000', async () => {
    const other = randomUUID();
    const ids = Array.from({ length: 1_010 }, (_, i) => `${String(i).padStart(4, '0')}-x`);
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(ids.slice(i, i + 50).map((id) => store.put(key(org, emp, id), bytes(id))));
    }
    await store.put(key(org, neighbour, 'kept'), bytes('kept'));
    await store.put(key(other, emp, 'kept'), bytes('kept'));
    expect((await store.list(`${org}/${emp}`)).length).toBe(1_010);

    expect(await store.deletePrefix(`${org}/${emp}`)).toBe(1_010);
    expect(await store.list(`${org}/${emp}`)).toEqual([]);
    expect(await store.get(key(org, emp, ids[0]))).toBeNull();
    expect(await store.list(`${org}/${neighbour}`)).toEqual([key(org, neighbour, 'kept')]);
    // An organization's whole folder (closure), and nothing of another organization.
    expect(await store.deletePrefix(org)).toBe(1);
    expect(await store.list(org)).toEqual([]);
    expect(await store.list(other)).toEqual([key(other, emp, 'kept')]);
    expect(await store.deletePrefix(`${org}/${emp}`)).toBe(0);
    await store.deletePrefix(other);
  });

  it('refuses keys that are not made of ids', async () => {
    for (const bad of ['../etc/passwd', '/abs/key', 'a//b', 'a/../b', '']) {
      await expect(store.put(bad, bytes('x'))).rejects.toThrow(/unsafe screenshot storage key/);
      await expect(store.get(bad)).rejects.toThrow(/unsafe screenshot storage key/);
      await expect(store.list(bad)).rejects.toThrow(/unsafe screenshot storage key/);
    }
  });
});

describe('the S3 store at start-up', () => {
  let server: TestS3Server;
  const storageFor = (
    overrides: Partial<{ bucket: string; accessKeyId: string; secretAccessKey: string }>,
  ) =>
    new S3ScreenshotStorage({
      endpoint: server.endpoint,
      bucket: server.bucket,
      region: 'us-east-1',
      accessKeyId: server.env.SCREENSHOTS_S3_ACCESS_KEY_ID,
      secretAccessKey: server.env.SCREENSHOTS_S3_SECRET_ACCESS_KEY,
      forcePathStyle: true,
      ...overrides,
    });

  beforeAll(async () => (server = await startS3Server()));
  afterAll(async () => server.close());

  it('accepts the bucket the keys open', async () => {
    await expect(storageFor({}).verify()).resolves.toBeUndefined();
  });

  it('refuses a missing bucket, or keys the server does not take, naming neither key', async () => {
    await expect(storageFor({ bucket: 'no-such-bucket' }).verify()).rejects.toThrow(
      'Screenshot storage: bucket "no-such-bucket" does not exist (SCREENSHOTS_S3_BUCKET); create it first',
    );
    // s3rver checks the access key id (it does not compute v4 signatures).
    const wrong = await storageFor({ accessKeyId: 'NOT-A-KEY', secretAccessKey: 'not-the-secret' })
      .verify()
      .then(
        () => null,
        (error: Error) => error.message,
      );
    expect(wrong).toBe(
      'Screenshot storage: cannot reach bucket "calltimex-screenshots" (AccessDenied); ' +
        'check SCREENSHOTS_S3_ENDPOINT, SCREENSHOTS_S3_REGION and the access keys',
    );
  });
});

describe.each(backends)('screenshots through the api, stored on %s', (name, start) => {
  let backend: Backend;
  let ctx: TestContext;
  let jobs: TestJobs;

  beforeAll(async () => {
    backend = await start();
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true', ...backend.env });
    jobs = await startTestJobs(ctx);
  });
  afterAll(async () => {
    await drainJobs(ctx).catch(() => undefined);
    await jobs.close();
    await ctx.close();
    await backend.close();
  });

  it(`uploads from a device, serves the views, purges by retention, exports and erases (${name})`, async () => {
    expect(ctx.app.get<ScreenshotStorage>(SCREENSHOT_STORAGE)).toBeInstanceOf(
      name === 's3' ? S3ScreenshotStorage : FileSystemScreenshotStorage,
    );
    const owner = await signUp(ctx.app);
    const org = owner.organization.id;
    const employee = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Sam Storewell',
      email: `sam-${randomUUID().slice(0, 6)}@store.test`,
    });
    const device = await enrollDevice(ctx.app, owner.accessToken, employee.email);
    const draft = await http(ctx.app)
      .post('/api/v1/privacy/notices')
      .set(auth(owner.accessToken))
      .send({ texts: { en: 'We record time and screenshots.' }, coversScreenshots: true });
    const published = await http(ctx.app)
      .post(`/api/v1/privacy/notices/${draft.body.id}/publish`)
      .set(auth(owner.accessToken));
    expect(published.status).toBe(200);
    const ack = await http(ctx.app)
      .post('/api/v1/agent/notice/acknowledgements')
      .set(auth(device))
      .send({ version: published.body.version });
    expect(ack.status).toBe(201);
    const on = await http(ctx.app)
      .put('/api/v1/settings/screenshots')
      .set(auth(owner.accessToken))
      .send({ enabled: true, retentionDays: 2 });
    expect(on.status).toBe(200);

    const jpeg = await detailedJpeg(640, 400);
    const older = await uploadShot(ctx, device, jpeg, {
      capturedAt: new Date(Date.now() - 36 * HOUR).toISOString(),
    });
    const newer = await uploadShot(ctx, device, jpeg);
    expect(older.res.status).toBe(201);
    expect(newer.res.status).toBe(201);
    const keys = await backend.storage.list(`${org}/${employee.id}`);
    expect(keys.map((k) => k.split('/').pop()).sort()).toEqual(
      [older.id, newer.id].flatMap((id) => [`${id}.image.webp`, `${id}.thumb.webp`]).sort(),
    );

    for (const kind of ['image', 'thumbnail']) {
      const view = await getBytes(
        ctx,
        owner.accessToken,
        `/api/v1/screenshots/${newer.id}/${kind}`,
      );
      expect(view.status).toBe(200);
      expect(view.headers['content-type']).toMatch(/image\/webp/);
      expect((view.body as Buffer).subarray(8, 12).toString()).toBe('WEBP');
    }
    const audited = await ctx.app
      .get(DataSource)
      .query<{ n: number }[]>(
        `SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'data.viewed' AND subjectEmployeeId = ?`,
        [employee.id],
      );
    expect(Number(audited[0].n)).toBe(2);

    // Retention: the capture older than 2 days (12 h from now) goes, files and row.
    const report = await ctx.app.get(RetentionService).purge(org, new Date(Date.now() + 13 * HOUR));
    expect(report.screenshots).toBe(1);
    const left = await backend.storage.list(`${org}/${employee.id}`);
    expect(left.filter((k) => k.includes(older.id))).toEqual([]);
    expect(left.filter((k) => k.includes(newer.id))).toHaveLength(2);
    expect(
      (await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${older.id}/image`)).status,
    ).toBe(404);

    // Access: the ZIP carries the kept image, read back from the store.
    const access = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'access', employeeId: employee.id });
    expect(access.status).toBe(201);
    const ready = await waitForStatus(ctx.app, owner.accessToken, access.body.id, ['completed']);
    const zip = await http(ctx.app)
      .get(ready.downloadUrl as string)
      .set(auth(owner.accessToken))
      .buffer(true)
      .parse(binaryParser);
    expect(zip.status).toBe(200);
    const files = await unzipBuffers(zip.body as Buffer);
    const listed = JSON.parse(files.get('screenshots.json')!.toString('utf8')) as {
      id: string;
      file: string;
    }[];
    expect(listed.map((s) => s.id)).toEqual([newer.id]);
    const served = await getBytes(ctx, owner.accessToken, `/api/v1/screenshots/${newer.id}/image`);
    expect(Buffer.compare(files.get(listed[0].file)!, served.body as Buffer)).toBe(0);

    // Erasure: nothing left in the store, and its verification searched the store.
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'erasure', employeeId: employee.id });
    expect(filed.status).toBe(201);
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['completed']);
    const verification = done.verification as {
      passed: boolean;
      findings: string[];
      storesSearched: string[];
    };
    expect(verification.findings).toEqual([]);
    expect(verification.passed).toBe(true);
    expect(verification.storesSearched).toContain('screenshots');
    expect(await backend.storage.list(`${org}/${employee.id}`)).toEqual([]);
    expect(await backend.storage.list(org)).toEqual([]);
  });
});
