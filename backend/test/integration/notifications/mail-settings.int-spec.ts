import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { createUserWithRole, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';

interface Received {
  user: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server that wants a user name and password (over plain text: it is the loopback). */
async function startAuthSmtp(user: string, pass: string) {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            user: typeof session.user === 'string' ? session.user : null,
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe(`the organization's own mail server on ${TEST_DB}`, () => {
  let smtp: Awaited<ReturnType<typeof startAuthSmtp>>;
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let other: SignedUp;
  const http = () => request(ctx.app.getHttpServer());
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const settings = () => ({
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    username: 'ctx-relay',
    password: 'relay-secret-42',
    from: 'CallTimeX <calltimex@acme.test>',
  });

  beforeAll(async () => {
    smtp = await startAuthSmtp('ctx-relay', 'relay-secret-42');
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app, { organizationName: 'Acme' });
    other = await signUp(ctx.app);
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
    await smtp.close();
  });

  it('starts from the installation’s route, with a form to fill', async () => {
    const res = await http().get('/api/v1/settings/mail').set(auth(owner.accessToken)).expect(200);
    expect(res.body).toEqual({
      source: 'outbox',
      configured: false,
      host: '',
      port: 587,
      security: 'starttls',
      username: null,
      hasPassword: false,
      from: ctx.config.mail.from,
      updatedAt: null,
    });
  });

  it('refuses bad settings field by field and stores nothing', async () => {
    const bad = [
      { ...settings(), host: 'smtp://mail.acme.test' },
      { ...settings(), host: 'mail.acme.test:25' },
      { ...settings(), host: 'a b' },
      { ...settings(), port: 0 },
      { ...settings(), port: 70000 },
      { ...settings(), port: '25' },
      { ...settings(), security: 'ssl' },
      { ...settings(), from: 'not an address' },
      { ...settings(), password: 'x'.repeat(1025) },
      { ...settings(), username: { $ne: null } },
      { ...settings(), host: { nested: { deeper: ['x'] } } },
      { port: 25 },
    ];
    for (const body of bad) {
      const res = await http().put('/api/v1/settings/mail').set(auth(owner.accessToken)).send(body);
      expect([JSON.stringify(body).slice(0, 80), res.status]).toEqual([
        JSON.stringify(body).slice(0, 80),
        400,
      ]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const after = await http().get('/api/v1/settings/mail').set(auth(owner.accessToken));
    expect(after.body.configured).toBe(false);
  });

  it('is for owners and admins only', async () => {
    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager');
    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    for (const token of [manager.accessToken, hr.accessToken]) {
      await http().get('/api/v1/settings/mail').set(auth(token)).expect(403);
      await http().put('/api/v1/settings/mail').set(auth(token)).send(settings()).expect(403);
      await http()
        .post('/api/v1/settings/mail/test')
        .set(auth(token))
        .send({ to: 'a@acme.test' })
        .expect(403);
    }
    await http().get('/api/v1/settings/mail').expect(401);
  });

  it('keeps the password sealed and never returns it', async () => {
    const res = await http()
      .put('/api/v1/settings/mail')
      .set(auth(owner.accessToken))
      .send(settings())
      .expect(200);
    expect(res.body).toMatchObject({
      source: 'console',
      configured: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: 'ctx-relay',
      hasPassword: true,
      from: 'CallTimeX <calltimex@acme.test>',
    });
    expect(JSON.stringify(res.body)).not.toContain('relay-secret-42');
    const rows = await ctx.dataSource.query<{ passwordSealed: string }[]>(
      'SELECT passwordSealed FROM organization_mail_settings',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].passwordSealed).toMatch(/^v1\./);
    expect(rows[0].passwordSealed).not.toContain('relay-secret');
    // Another organization still uses the installation's route.
    const theirs = await http().get('/api/v1/settings/mail').set(auth(other.accessToken));
    expect(theirs.body.configured).toBe(false);
  });

  it('sends a test mail through it, signed in with the stored password', async () => {
    const res = await http()
      .post('/api/v1/settings/mail/test')
      .set(auth(owner.accessToken))
      .send({ to: 'it@acme.test' })
      .expect(200);
    expect(res.body).toMatchObject({ delivered: true, source: 'console', error: null });
    expect(res.body.response).toMatch(/^250/);
    const mail = smtp.mails.find((m) => m.to.includes('it@acme.test'));
    expect(mail).toMatchObject({
      user: 'ctx-relay',
      from: '"CallTimeX" <calltimex@acme.test>',
      subject: 'CallTimeX: test mail for Acme',
    });
    expect(mail!.text).toContain('the mail server set on the Settings page');
  });

  it('says what the server answered when it refuses, and when it is not there', async () => {
    await http()
      .put('/api/v1/settings/mail')
      .set(auth(owner.accessToken))
      .send({ ...settings(), password: 'wrong' })
      .expect(200);
    const refused = await http()
      .post('/api/v1/settings/mail/test')
      .set(auth(owner.accessToken))
      .send({ to: 'it@acme.test' })
      .expect(200);
    expect(refused.body).toMatchObject({ delivered: false, source: 'console', response: null });
    expect(refused.body.error).toContain('535');

    const closed = await startAuthSmtp('x', 'y');
    const port = closed.port;
    await closed.close();
    await http()
      .put('/api/v1/settings/mail')
      .set(auth(owner.accessToken))
      .send({ ...settings(), port })
      .expect(200);
    const down = await http()
      .post('/api/v1/settings/mail/test')
      .set(auth(owner.accessToken))
      .send({ to: 'it@acme.test' })
      .expect(200);
    expect(down.body.delivered).toBe(false);
    expect(down.body.error).toContain('ECONNREFUSED');
  });

  it('carries the organization’s real mail too (an invitation), keeping the password when omitted', async () => {
    const { password: _omitted, ...withoutPassword } = settings();
    // The wrong password was stored last: put the right one back, then change the rest without it.
    await http()
      .put('/api/v1/settings/mail')
      .set(auth(owner.accessToken))
      .send(settings())
      .expect(200);
    const kept = await http()
      .put('/api/v1/settings/mail')
      .set(auth(owner.accessToken))
      .send({ ...withoutPassword, from: 'Acme HR <hr@acme.test>' })
      .expect(200);
    expect(kept.body).toMatchObject({ hasPassword: true, from: 'Acme HR <hr@acme.test>' });
    await http()
      .post('/api/v1/invitations')
      .set(auth(owner.accessToken))
      .send({ email: 'new.manager@acme.test', role: 'manager', firstName: 'Nina', lastName: 'New' })
      .expect(201);
    const invitation = await eventually(() =>
      smtp.mails.find((m) => m.to.includes('new.manager@acme.test')),
    );
    expect(invitation.user).toBe('ctx-relay');
    expect(invitation.from).toBe('"Acme HR" <hr@acme.test>');
  });

  it('audits changes and tests without the password, and goes back to the installation’s route', async () => {
    const log = await http()
      .get('/api/v1/audit?action=mail.&pageSize=50')
      .set(auth(owner.accessToken))
      .expect(200);
    const actions = (log.body.items as { action: string; details: unknown }[]).map((e) => e.action);
    expect(actions).toContain('mail.settings-changed');
    expect(actions).toContain('mail.test-sent');
    expect(JSON.stringify(log.body)).not.toContain('relay-secret-42');

    await http().delete('/api/v1/settings/mail').set(auth(owner.accessToken)).expect(204);
    await http().delete('/api/v1/settings/mail').set(auth(owner.accessToken)).expect(404);
    const after = await http().get('/api/v1/settings/mail').set(auth(owner.accessToken));
    expect(after.body).toMatchObject({ configured: false, source: 'outbox' });
  });
});
