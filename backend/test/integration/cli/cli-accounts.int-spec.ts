import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEFAULT_PASSWORD, login, uniqueEmail } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { cli, envOf } from './cli-harness.js';

describe(`cli: create-owner, reset-password, issue-enrollment-token (${TEST_DB})`, () => {
  let ctx: TestContext;
  let env: NodeJS.ProcessEnv;
  const http = () => request(ctx.app.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestApp();
    env = envOf(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  async function createOwner(email: string, organization = `Org ${randomUUID().slice(0, 8)}`) {
    const run = await cli(
      [
        'create-owner',
        '--organization',
        organization,
        '--name',
        'Ada Lovelace',
        '--email',
        email,
        '--password-stdin',
      ],
      env,
      `${DEFAULT_PASSWORD}\n`,
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [, organizationId] = /\(([0-9a-f-]{36})\) with owner/.exec(run.stdout) ?? [];
    expect(organizationId).toBeDefined();
    return organizationId;
  }

  it('create-owner creates an organization whose owner signs in, even when sign-up is closed', async () => {
    const first = uniqueEmail('owner');
    await createOwner(first, 'Acme Ltd');
    // Sign-up is now closed (ALLOW_SIGNUP=false, an organization exists); the CLI still creates one.
    const second = uniqueEmail('owner');
    await createOwner(second);
    const signedIn = await login(ctx.app, first, DEFAULT_PASSWORD);
    expect(signedIn.user).toMatchObject({ role: 'owner', email: first });
    const org = await http()
      .get('/api/v1/organizations/current')
      .set('Authorization', `Bearer ${signedIn.accessToken}`);
    expect(org.status).toBe(200);
    expect(org.body.name).toBe('Acme Ltd');
    const me = await http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${signedIn.accessToken}`);
    expect(me.body).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('create-owner takes the password from CALLTIMEX_PASSWORD and normalizes the email', async () => {
    const email = uniqueEmail('owner');
    const run = await cli(
      [
        'create-owner',
        '--organization',
        'Env Org',
        '--name',
        'Eve',
        '--email',
        `  ${email.toUpperCase()} `,
      ],
      { ...env, CALLTIMEX_PASSWORD: DEFAULT_PASSWORD },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(email);
    await login(ctx.app, email, DEFAULT_PASSWORD);
  });

  it('create-owner refuses weak passwords with the policy message and creates nothing', async () => {
    const email = uniqueEmail('weak');
    for (const [password, message] of [
      ['short1', 'at least 10 characters'],
      ['password123', 'too common'],
      ['aaaaaaaaaaaaaa', 'too few characters'],
    ]) {
      const run = await cli(
        [
          'create-owner',
          '--organization',
          'Weak',
          '--name',
          'W',
          '--email',
          email,
          '--password-stdin',
        ],
        env,
        `${password}\n`,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(message);
    }
    const attempt = await http()
      .post('/api/v1/auth/login')
      .send({ email, password: DEFAULT_PASSWORD });
    expect(attempt.status).toBe(401);
  });

  it('create-owner: wrong usage exits 2 and says what is wrong', async () => {
    const base = ['create-owner', '--organization', 'X', '--name', 'N', '--email'];
    const cases: [string[], string, string][] = [
      [
        [...base, 'not-an-email', '--password-stdin'],
        DEFAULT_PASSWORD,
        'email must be an email address',
      ],
      [
        ['create-owner', '--name', 'N', '--email', uniqueEmail(), '--password-stdin'],
        DEFAULT_PASSWORD,
        '--organization',
      ],
      [
        [
          'create-owner',
          '--organization',
          'x'.repeat(201),
          '--name',
          'N',
          '--email',
          uniqueEmail(),
          '--password-stdin',
        ],
        DEFAULT_PASSWORD,
        'organization',
      ],
      [[...base, uniqueEmail()], '', 'CALLTIMEX_PASSWORD'],
      [[...base, uniqueEmail(), '--password-stdin'], '', 'standard input holds no password'],
      [
        [...base, uniqueEmail(), '--password-stdin', '--password', 'x'],
        DEFAULT_PASSWORD,
        "Unknown option '--password'",
      ],
      [
        [...base, uniqueEmail(), '--password-stdin', 'extra'],
        DEFAULT_PASSWORD,
        'Unexpected argument: extra',
      ],
      [[...base], DEFAULT_PASSWORD, "'--email <value>' argument missing"],
    ];
    for (const [argv, stdin, message] of cases) {
      const run = await cli(argv, env, stdin);
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('create-owner --help');
    }
  });

  it('create-owner refuses an email that is taken', async () => {
    const email = uniqueEmail('taken');
    await createOwner(email);
    const run = await cli(
      [
        'create-owner',
        '--organization',
        'Again',
        '--name',
        'A',
        '--email',
        email,
        '--password-stdin',
      ],
      env,
      DEFAULT_PASSWORD,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already exists');
  });

  it('reset-password sets the password and ends every session', async () => {
    const email = uniqueEmail('reset');
    await createOwner(email);
    const before = await login(ctx.app, email, DEFAULT_PASSWORD);
    const fresh = 'a-new-long-passphrase-77';
    const run = await cli(
      ['reset-password', '--email', email, '--password-stdin'],
      env,
      `${fresh}\n`,
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const refreshed = await http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: before.refreshToken });
    expect(refreshed.status).toBe(401);
    const old = await http().post('/api/v1/auth/login').send({ email, password: DEFAULT_PASSWORD });
    expect(old.status).toBe(401);
    await login(ctx.app, email, fresh);
  });

  it('reset-password: unknown email, weak password and missing email fail clearly', async () => {
    const unknown = await cli(
      ['reset-password', '--email', uniqueEmail('nobody'), '--password-stdin'],
      env,
      DEFAULT_PASSWORD,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user has the email');
    const email = uniqueEmail('weakreset');
    await createOwner(email);
    const weak = await cli(
      ['reset-password', '--email', email, '--password-stdin'],
      env,
      'qwertyuiop\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('too common');
    const sameAsEmail = await cli(
      ['reset-password', '--email', email, '--password-stdin'],
      env,
      `${email}\n`,
    );
    expect(sameAsEmail.code).toBe(1);
    expect(sameAsEmail.stderr).toContain('must not be your email address');
    await login(ctx.app, email, DEFAULT_PASSWORD);
    const missing = await cli(['reset-password', '--password-stdin'], env, DEFAULT_PASSWORD);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--email is required');
  });

  it('issue-enrollment-token prints a token an agent enrolls with, for the chosen organization', async () => {
    const email = uniqueEmail('tokens');
    const organizationId = await createOwner(email);
    const owner = await login(ctx.app, email, DEFAULT_PASSWORD);
    const employee = await http()
      .post('/api/v1/employees')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ fullName: 'Tom Tracked', email: uniqueEmail('employee') });
    expect(employee.status).toBe(201);

    const run = await cli(
      [
        'issue-enrollment-token',
        '--organization',
        organizationId,
        '--expires-in-hours',
        '2',
        '--max-uses',
        '1',
      ],
      env,
    );
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect(token).not.toContain('\n');
    expect(run.stderr).toContain(organizationId);
    expect(run.stderr).toContain('1 use(s)');
    const expires = /expires (\S+),/.exec(run.stderr)?.[1] ?? '';
    expect(Math.abs(Date.parse(expires) - Date.now() - 2 * 3_600_000)).toBeLessThan(60_000);

    const enroll = () =>
      http()
        .post('/api/v1/agent/enroll')
        .send({
          enrollmentToken: token,
          employeeEmail: employee.body.email as string,
          hostname: 'ws-1',
          os: 'Linux',
          agentVersion: '1.0.0',
        });
    expect((await enroll()).status).toBe(201);
    // --max-uses 1: a second device is refused.
    expect((await enroll()).status).toBe(401);
    const listed = await http()
      .get('/api/v1/agent/enrollment-tokens')
      .set('Authorization', `Bearer ${owner.accessToken}`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain(token.slice(0, 10));
  });

  it('issue-enrollment-token wants --organization when there are several, and checks its options', async () => {
    const several = await cli(['issue-enrollment-token'], env);
    expect(several.code).toBe(1);
    expect(several.stderr).toContain('Several organizations exist');
    const cases: [string[], number, string][] = [
      [['--organization', 'not-a-uuid'], 2, 'must be an organization id'],
      [['--organization', randomUUID()], 1, 'No organization has the id'],
      [['--expires-in-hours', '0'], 2, '--expires-in-hours'],
      [['--expires-in-hours', '8761'], 2, '--expires-in-hours'],
      [['--expires-in-hours', 'soon'], 2, 'must be a whole number'],
      [['--max-uses', '-1'], 2, '--max-uses'],
      [['--max-uses', '1.5'], 2, 'must be a whole number'],
    ];
    for (const [args, code, message] of cases) {
      const run = await cli(['issue-enrollment-token', ...args], env);
      expect({ args, code: run.code }).toEqual({ args, code });
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
    }
  });
});
