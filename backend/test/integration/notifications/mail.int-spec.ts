import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { Mailer } from '#src/modules/notifications/mailer.service.js';
import {
  DEFAULT_PASSWORD,
  login,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { drainJobs, eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { startSmtpListener } from './smtp-listener.js';

const PREFS = '/api/v1/notifications/preferences';

const REPORT_PARAMS = {
  report: 'summary' as const,
  frequency: 'weekly' as const,
  from: '2026-11-16',
  to: '2026-11-22',
  scope: 'Support',
  employees: 12,
  activeSeconds: 45_300,
  productiveSeconds: 30_000,
  downloadUrl: 'http://localhost/api/v1/exports/x/file',
  attached: false,
};

describe('mail over a real SMTP listener', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  const server = () => ctx.app.getHttpServer();

  beforeAll(async () => {
    smtp = await startSmtpListener();
    ctx = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://ctx.example' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
    await smtp.close();
  });

  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));

  it('one-click unsubscribe: headers, both parts, the link turns the category off', async () => {
    await ctx.dataSource.query('UPDATE users SET locale = ? WHERE id = ?', ['uk', owner.user.id]);
    await ctx.app.get(Mailer).queueMail({
      organizationId: owner.organization.id,
      template: 'scheduled-report',
      to: { userId: owner.user.id },
      params: REPORT_PARAMS,
    });
    const [mail] = await eventually(() => {
      const found = mailsTo(owner.user.email);
      return found.length > 0 && found;
    });
    expect(mail.parsed.subject).toBe(
      'Тижневе зведення: 16 листопада 2026 р. – 22 листопада 2026 р.',
    );
    expect(mail.parsed.text).toContain('Активний час: 12 год 35 хв');
    expect(mail.parsed.html).toContain('<html lang="uk">');
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = mail.header('List-Unsubscribe') ?? '';
    const match =
      /^<(https:\/\/ctx\.example(\/api\/v1\/notifications\/unsubscribe\?token=[^>]+))>$/.exec(
        listUnsubscribe,
      );
    expect(match).not.toBeNull();
    const path = match?.[2] ?? '';
    expect(mail.parsed.text).toContain(match?.[1]);

    const page = await request(server()).get(path).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<form method="post"');
    expect(page.text).toContain(owner.user.email);
    const before = await request(server())
      .get('/api/v1/notifications/preferences')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    expect(before.body.items).toContainEqual({ category: 'reports', enabled: true, locked: false });

    // What a mail client sends for RFC 8058 one-click: no cookie, no token header, a form body.
    await request(server())
      .post(path)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    const after = await request(server())
      .get('/api/v1/notifications/preferences')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    expect(after.body.items).toEqual([
      { category: 'security', enabled: true, locked: true },
      { category: 'transactional', enabled: true, locked: true },
      { category: 'reports', enabled: false, locked: false },
      { category: 'product', enabled: false, locked: false },
    ]);

    const suppressedId = await ctx.app.get(Mailer).queueMail({
      organizationId: owner.organization.id,
      template: 'scheduled-report',
      to: { userId: owner.user.id },
      params: REPORT_PARAMS,
    });
    await drainJobs(ctx);
    const rows: { status: string; params: string | null }[] = await eventually(async () => {
      const r: { status: string; params: string | null }[] = await ctx.dataSource.query(
        'SELECT status, params FROM mail_messages WHERE id = ?',
        [suppressedId],
      );
      return r[0]?.status !== 'queued' && r;
    });
    expect(rows[0]).toEqual({ status: 'suppressed', params: null });
    expect(mailsTo(owner.user.email)).toHaveLength(1);
  });

  it('refuses forged, tampered and malformed unsubscribe links', async () => {
    const token = `${owner.user.id}.reports.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    for (const bad of [
      token,
      `${owner.user.id}.security.x`,
      'not-a-token-at-all',
      'x'.repeat(300),
    ]) {
      const res = await request(server())
        .post(`/api/v1/notifications/unsubscribe?token=${encodeURIComponent(bad)}`)
        .expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await request(server()).get('/api/v1/notifications/unsubscribe').expect(400);
  });

  it('preferences: defaults, updates, and only the optional categories can change', async () => {
    const as = (method: 'get' | 'put') => {
      const agent = request(server());
      const call = method === 'get' ? agent.get(PREFS) : agent.put(PREFS);
      return call.set('Authorization', `Bearer ${owner.accessToken}`);
    };
    await request(server()).get('/api/v1/notifications/preferences').expect(401);
    const updated = await as('put').send({ product: true, reports: true }).expect(200);
    expect(updated.body.items).toContainEqual({
      category: 'product',
      enabled: true,
      locked: false,
    });
    expect(updated.body.items).toContainEqual({
      category: 'reports',
      enabled: true,
      locked: false,
    });
    await as('put').send({ security: false }).expect(400);
    await as('put').send({ reports: 'yes' }).expect(400);
    await as('put').send({ reports: null }).expect(400);
    const unchanged = await as('get').expect(200);
    expect(unchanged.body.items).toContainEqual({
      category: 'security',
      enabled: true,
      locked: true,
    });
  });

  it('password reset: always 202, a security mail without unsubscribe, one use, sessions end', async () => {
    await ctx.dataSource.query('UPDATE users SET locale = NULL WHERE id = ?', [owner.user.id]);
    await ctx.dataSource.query('UPDATE organizations SET locale = ? WHERE id = ?', [
      'ru',
      owner.organization.id,
    ]);
    const unknown = await request(server())
      .post('/api/v1/auth/password-reset')
      .send({ email: 'nobody@example.test' })
      .expect(202);
    expect(unknown.body).toEqual({ status: 'accepted' });
    await request(server())
      .post('/api/v1/auth/password-reset')
      .send({ email: owner.user.email.toUpperCase() })
      .expect(202);
    const mail = await eventually(() =>
      mailsTo(owner.user.email).find((m) => m.header('X-CallTimeX-Template') === 'password-reset'),
    );
    expect(mail.parsed.subject).toBe('Сброс пароля CallTimeX');
    expect(mail.header('List-Unsubscribe')).toBeNull();
    expect(mail.header('Auto-Submitted')).toBe('auto-generated');
    expect(mail.parsed.html).toContain('Задать новый пароль');
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')?.[1];
    expect(token).toBeDefined();

    const confirm = (body: object) =>
      request(server()).post('/api/v1/auth/password-reset/confirm').send(body);
    await confirm({ token, password: 'short' }).expect(400);
    await confirm({ token, password: 'password123' }).expect(400);
    await confirm({ token: 'x'.repeat(43), password: 'a-brand-new-passphrase-7' }).expect(400);
    await confirm({ token, password: 'a-brand-new-passphrase-7', extra: 1 }).expect(400);
    await confirm({ token, password: 12345678901 }).expect(400);
    await confirm({ token, password: 'a-brand-new-passphrase-7' }).expect(204);
    await confirm({ token, password: 'another-new-passphrase-8' }).expect(400);

    await request(server())
      .get('/api/v1/notifications/preferences')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(401);
    await request(server())
      .post('/api/v1/auth/login')
      .send({ email: owner.user.email, password: DEFAULT_PASSWORD })
      .expect(401);
    const signedIn = await login(ctx.app, owner.user.email, 'a-brand-new-passphrase-7');
    owner = { ...owner, accessToken: signedIn.accessToken };
    const [row]: { params: string | null; status: string }[] = await ctx.dataSource.query(
      "SELECT params, status FROM mail_messages WHERE template = 'password-reset'",
    );
    expect(row).toEqual({ params: null, status: 'sent' });
  });

  it('validates the reset request body', async () => {
    for (const body of [
      {},
      { email: 'not-an-email' },
      { email: 42 },
      { email: `${'a'.repeat(300)}@x.io` },
    ]) {
      await request(server()).post('/api/v1/auth/password-reset').send(body).expect(400);
    }
  });
});

describe('mail without SMTP goes to the outbox', () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  beforeAll(async () => {
    ctx = await startTestApp();
    jobs = await startTestJobs(ctx);
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  it('writes an .eml file with both parts', async () => {
    const owner = await signUp(ctx.app);
    await request(ctx.app.getHttpServer())
      .post('/api/v1/auth/password-reset')
      .send({ email: owner.user.email })
      .expect(202);
    const outbox = join(ctx.dataDir, 'outbox');
    const file = await eventually(() => {
      try {
        return readdirSync(outbox).find((f) => f.endsWith('.eml'));
      } catch {
        return undefined;
      }
    });
    const parsed = await simpleParser(readFileSync(join(outbox, file)));
    expect(parsed.subject).toBe('Reset your CallTimeX password');
    expect(parsed.text).toContain('/reset-password?token=');
    expect(parsed.html).toContain('Choose a new password');
  });
});
