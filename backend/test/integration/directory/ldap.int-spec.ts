// LDAP / Active Directory against a real OpenLDAP (slapd started here): settings, test
// connection, sign-in (search-then-bind, direct bind, LDAPS, StartTLS, AD-like logins, hostile
// logins), sync (create, update, deactivate on group removal) and organization isolation.
import { createHmac } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  DEFAULT_PASSWORD,
  login as localLogin,
  signUp,
  type SignedUp,
  type TestTeam,
} from '#test/factories/accounts.factory.js';
import { startLdapServer, type LdapTestServer } from '#test/support/ldap-server.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { drainJobs, eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';

const SUFFIX = 'dc=corp,dc=example,dc=test';

let ctx: TestContext;
let jobs: TestJobs;
let ldap: LdapTestServer;
let owner: SignedUp;
let other: SignedUp;
let support: TestTeam;
let eveEmployeeId: string;

const http = () => request(ctx.app.getHttpServer());
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

function settings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enabled: true,
    url: ldap.url,
    bindMode: 'search',
    bindDn: ldap.serviceDn,
    bindPassword: ldap.servicePassword,
    baseDn: ldap.peopleDn,
    userFilter: '(objectClass=inetOrgPerson)',
    loginAttribute: 'uid',
    groupBaseDn: ldap.groupsDn,
    roleMappings: [
      { group: ldap.groupDn('calltimex-admins'), role: 'admin' },
      { group: ldap.groupDn('calltimex-staff'), role: 'employee' },
    ],
    teamMappings: [{ group: ldap.groupDn('support'), teamId: support.id }],
    ...overrides,
  };
}

async function configure(token: string, body: Record<string, unknown>) {
  return http().put('/api/v1/directory/config').set(auth(token)).send(body);
}

let addressSeq = 0;
/** Each sign-in from an address of its own, so the failures tested here do not add up to 429. */
function ldapLogin(
  body: Record<string, unknown>,
  address = `10.9.${Math.floor(++addressSeq / 250)}.${addressSeq % 250}`,
) {
  return http()
    .post('/api/v1/auth/ldap/login')
    .set('X-Refresh-Token-Delivery', 'body')
    .set('X-Forwarded-For', address)
    .send(body);
}

async function runSync(token: string) {
  const started = await http().post('/api/v1/directory/sync-runs').set(auth(token)).send({});
  expect(started.status).toBe(202);
  const id = (started.body as { id: string }).id;
  await drainJobs(ctx);
  return eventually(async () => {
    const res = await http().get(`/api/v1/directory/sync-runs/${id}`).set(auth(token));
    const body = res.body as { status: string };
    return body.status === 'succeeded' || body.status === 'failed'
      ? (res.body as Record<string, unknown>)
      : null;
  });
}

beforeAll(async () => {
  ldap = await startLdapServer({
    suffix: SUFFIX,
    users: [
      {
        uid: 'alice',
        password: 'alice-pw-1',
        givenName: 'Alice',
        sn: 'Admin',
        mail: 'alice@corp.example.test',
      },
      {
        uid: 'bob',
        password: 'bob-pw-1',
        givenName: 'Bob',
        sn: 'Builder',
        mail: 'bob@corp.example.test',
        sAMAccountName: 'BBuilder',
        userPrincipalName: 'bob.builder@corp.example.test',
      },
      {
        uid: 'carol',
        password: 'carol-pw-1',
        givenName: 'Carol',
        sn: 'Outside',
        mail: 'carol@corp.example.test',
      },
      {
        uid: 'eve',
        password: 'eve-pw-1',
        givenName: 'Eve',
        sn: 'Tracked',
        mail: 'eve@corp.example.test',
      },
      { uid: 'nomail', password: 'nomail-pw-1', givenName: 'No', sn: 'Mail' },
    ],
    groups: [
      { cn: 'calltimex-admins', members: ['alice'] },
      { cn: 'calltimex-staff', members: ['alice', 'bob', 'eve', 'nomail'] },
      { cn: 'support', members: ['bob'] },
    ],
  });
  ctx = await startTestApp({ ALLOW_SIGNUP: 'true', TRUST_PROXY_HOPS: '1' });
  jobs = await startTestJobs(ctx);
  owner = await signUp(ctx.app);
  other = await signUp(ctx.app);
  support = await createTeam(ctx.app, owner.accessToken, 'Support');
  eveEmployeeId = (
    await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Eve T.',
      email: 'eve@corp.example.test',
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await jobs?.close();
  await ctx?.close();
  await ldap?.stop();
});

describe('directory settings', () => {
  it('answers the defaults, not configured, before anything is saved', async () => {
    const res = await http().get('/api/v1/directory/config').set(auth(owner.accessToken));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      configured: false,
      enabled: false,
      hasBindPassword: false,
      loginAttribute: 'uid',
    });
  });

  it.each([
    ['a url that is not ldap', { url: 'http://127.0.0.1:389' }, 'url'],
    ['a filter that does not parse', { userFilter: '(objectClass=person' }, 'userFilter'],
    ['search mode without a bind DN', { bindDn: null }, 'bindDn'],
    ['search mode without a password', { bindPassword: null }, 'bindPassword'],
    [
      'another organization’s team',
      { teamMappings: [{ group: 'cn=x', teamId: '00000000-0000-4000-8000-000000000000' }] },
      'teamMappings.0.teamId',
    ],
    [
      'the owner role from a group',
      { roleMappings: [{ group: 'cn=x', role: 'owner' }] },
      'roleMappings.0.role',
    ],
    ['an unknown field', { surprise: true }, 'surprise'],
    ['StartTLS on ldaps', { url: 'ldaps://127.0.0.1:636', startTls: true }, 'startTls'],
  ])('refuses %s with 400', async (_what, overrides, path) => {
    const res = await configure(owner.accessToken, settings(overrides));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(path);
  });

  it('is for owners and admins only', async () => {
    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    expect((await configure(hr.accessToken, settings())).status).toBe(403);
    expect((await http().get('/api/v1/directory/config').set(auth(hr.accessToken))).status).toBe(
      403,
    );
    expect((await http().get('/api/v1/directory/config')).status).toBe(401);
  });

  it('stores the settings and never returns the bind password', async () => {
    const res = await configure(owner.accessToken, settings());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      configured: true,
      enabled: true,
      source: 'console',
      hasBindPassword: true,
      bindMode: 'search',
    });
    expect(JSON.stringify(res.body)).not.toContain(ldap.servicePassword);
    const got = await http().get('/api/v1/directory/config').set(auth(owner.accessToken));
    expect(got.body).not.toHaveProperty('bindPassword');
    expect(JSON.stringify(got.body)).not.toContain(ldap.servicePassword);
    // Stored sealed, not in clear.
    const rows = await ctx.dataSource.query<Record<string, unknown>[]>(
      'SELECT * FROM directory_configs',
    );
    expect(JSON.stringify(rows)).not.toContain(ldap.servicePassword);
    // Omitted password: the stored one is kept.
    const { bindPassword: _omit, ...rest } = settings();
    const again = await configure(owner.accessToken, rest);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ hasBindPassword: true });
  });

  it('records the change in the audit log without the password', async () => {
    const res = await http()
      .get('/api/v1/audit?action=directory.config-changed')
      .set(auth(owner.accessToken));
    expect(res.status).toBe(200);
    expect((res.body as { total: number }).total).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain(ldap.servicePassword);
  });
});

describe('test connection', () => {
  it('binds and shows users and groups it found', async () => {
    const res = await http().post('/api/v1/directory/test').set(auth(owner.accessToken)).send({});
    expect(res.status).toBe(200);
    const body = res.body as {
      ok: boolean;
      userCount: number;
      sampleUsers: { login: string }[];
      groups: { name: string; memberCount: number; mappedRole: string | null }[];
    };
    expect(body.ok).toBe(true);
    expect(body.userCount).toBe(5);
    expect(body.sampleUsers.length).toBeGreaterThan(0);
    expect(body.groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'calltimex-admins', memberCount: 1, mappedRole: 'admin' }),
        expect.objectContaining({ name: 'support', mappedRole: null }),
      ]),
    );
  });

  it('tries a test login when given one', async () => {
    const ok = await http()
      .post('/api/v1/directory/test')
      .set(auth(owner.accessToken))
      .send({ login: 'alice', password: 'alice-pw-1' });
    expect(ok.body).toMatchObject({ ok: true, testUser: { login: 'alice', role: 'admin' } });
    const bad = await http()
      .post('/api/v1/directory/test')
      .set(auth(owner.accessToken))
      .send({ login: 'alice', password: 'nope' });
    expect(bad.body).toMatchObject({ ok: false, testUser: null, error: { code: 'test-login' } });
  });

  it('says what failed when the service account is refused', async () => {
    expect((await configure(owner.accessToken, settings({ bindPassword: 'wrong' }))).status).toBe(
      200,
    );
    const res = await http().post('/api/v1/directory/test').set(auth(owner.accessToken)).send({});
    expect(res.body).toMatchObject({ ok: false, error: { code: 'service-bind' } });
    expect(JSON.stringify(res.body)).not.toContain('wrong');
    expect((await configure(owner.accessToken, settings())).status).toBe(200);
  });

  it('says what failed when nothing listens', async () => {
    expect(
      (await configure(owner.accessToken, settings({ url: 'ldap://127.0.0.1:1' }))).status,
    ).toBe(200);
    const res = await http().post('/api/v1/directory/test').set(auth(owner.accessToken)).send({});
    expect(res.body).toMatchObject({ ok: false, error: { code: 'connection' } });
    expect((await configure(owner.accessToken, settings())).status).toBe(200);
  });
});

describe('sign-in with the directory', () => {
  it('signs in a user of a mapped group with the local login’s session shape', async () => {
    const res = await ldapLogin({
      organization: owner.organization.id,
      login: 'alice',
      password: 'alice-pw-1',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      user: { email: 'alice@corp.example.test', role: 'admin' },
    });
    expect(typeof res.body.refreshToken).toBe('string');
    const me = await http()
      .get('/api/v1/me')
      .set(auth((res.body as { accessToken: string }).accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: 'alice@corp.example.test',
      organizationId: owner.organization.id,
    });
  });

  it('finds the organization by name too', async () => {
    const res = await ldapLogin({
      organization: owner.organization.name,
      login: 'alice',
      password: 'alice-pw-1',
    });
    expect(res.status).toBe(200);
  });

  it('links a tracked employee by email', async () => {
    const res = await ldapLogin({
      organization: owner.organization.id,
      login: 'eve',
      password: 'eve-pw-1',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { role: 'employee', employeeId: eveEmployeeId } });
  });

  it.each([
    ['a wrong password', 'alice', 'alice-pw-2'],
    ['an unknown user', 'mallory', 'whatever'],
    ['a wildcard login', '*', 'alice-pw-1'],
    ['a filter injection', '*)(uid=*', 'alice-pw-1'],
    ['an injection closing the filter', 'alice)(|(uid=*', 'alice-pw-1'],
    ['a NUL byte', 'alice\u0000', 'alice-pw-1'],
    ['parentheses', '(alice)', 'alice-pw-1'],
    ['a backslash escape', 'al\\69ce', 'alice-pw-1'],
  ])('refuses %s with 401', async (_what, login, password) => {
    const res = await ldapLogin({ organization: owner.organization.id, login, password });
    expect(res.status).toBe(401);
    expect(res.body).not.toHaveProperty('accessToken');
  });

  it('throttles failed directory sign-ins like local ones', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push(
        (
          await ldapLogin(
            { organization: owner.organization.id, login: 'eve', password: `wrong-${i}` },
            '10.99.0.1',
          )
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('refuses an empty password (no unauthenticated bind)', async () => {
    const res = await ldapLogin({
      organization: owner.organization.id,
      login: 'alice',
      password: '',
    });
    expect(res.status).toBe(400);
  });

  it('refuses a directory user in no mapped group with 403', async () => {
    const res = await ldapLogin({
      organization: owner.organization.id,
      login: 'carol',
      password: 'carol-pw-1',
    });
    expect(res.status).toBe(403);
    expect((res.body as { type: string }).type).toContain('directory-not-permitted');
  });

  it('does not let a directory user in through another organization', async () => {
    const res = await ldapLogin({
      organization: other.organization.id,
      login: 'alice',
      password: 'alice-pw-1',
    });
    expect(res.status).toBe(401);
  });

  it('keeps the local login working exactly as before', async () => {
    const res = await localLogin(ctx.app, owner.user.email, DEFAULT_PASSWORD);
    expect(res.user.role).toBe('owner');
    // A directory user has no local password.
    const local = await http()
      .post('/api/v1/auth/login')
      .send({ email: 'alice@corp.example.test', password: 'alice-pw-1' });
    expect(local.status).toBe(401);
  });

  it('asks for the MFA code when the user enabled MFA', async () => {
    const first = await ldapLogin({
      organization: owner.organization.id,
      login: 'alice',
      password: 'alice-pw-1',
    });
    const token = (first.body as { accessToken: string }).accessToken;
    const setup = await http().post('/api/v1/me/mfa/setup').set(auth(token)).send({});
    expect(setup.status).toBeLessThan(300);
    const secret = base32Decode((setup.body as { secret: string }).secret);
    const code = totp(secret, Date.now());
    expect(
      (await http().post('/api/v1/me/mfa/enable').set(auth(token)).send({ code })).status,
    ).toBeLessThan(300);
    const without = await ldapLogin({
      organization: owner.organization.id,
      login: 'alice',
      password: 'alice-pw-1',
    });
    expect(without.status).toBe(401);
    expect((without.body as { type: string }).type).toContain('mfa-required');
    const withCode = await ldapLogin({
      organization: owner.organization.id,
      login: 'alice',
      password: 'alice-pw-1',
      mfaCode: totp(secret, Date.now()),
    });
    expect(withCode.status).toBe(200);
  });

  it('signs in with sAMAccountName (AD-like)', async () => {
    expect(
      (await configure(owner.accessToken, settings({ loginAttribute: 'sAMAccountName' }))).status,
    ).toBe(200);
    const res = await ldapLogin({
      organization: owner.organization.id,
      login: 'bbuilder',
      password: 'bob-pw-1',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { email: 'bob@corp.example.test', role: 'employee' } });
  });

  it('signs in with userPrincipalName (AD-like)', async () => {
    expect(
      (await configure(owner.accessToken, settings({ loginAttribute: 'userPrincipalName' })))
        .status,
    ).toBe(200);
    const res = await ldapLogin({
      organization: owner.organization.id,
      login: 'bob.builder@corp.example.test',
      password: 'bob-pw-1',
    });
    expect(res.status).toBe(200);
    const hostile = await ldapLogin({
      organization: owner.organization.id,
      login: '*@corp.example.test',
      password: 'bob-pw-1',
    });
    expect(hostile.status).toBe(401);
  });

  it('binds directly with a DN template (no service account needed)', async () => {
    const body = settings({
      bindMode: 'direct',
      bindDn: null,
      bindPassword: null,
      bindDnTemplate: `uid={login},${ldap.peopleDn}`,
    });
    expect((await configure(owner.accessToken, body)).status).toBe(200);
    expect(
      (
        await ldapLogin({
          organization: owner.organization.id,
          login: 'alice',
          password: 'alice-pw-1',
          mfaCode: undefined,
        })
      ).status,
    ).toBe(401); // MFA on
    expect(
      (await ldapLogin({ organization: owner.organization.id, login: 'bob', password: 'bob-pw-1' }))
        .status,
    ).toBe(200);
    expect(
      (await ldapLogin({ organization: owner.organization.id, login: 'bob', password: 'x' }))
        .status,
    ).toBe(401);
    expect(
      (
        await ldapLogin({
          organization: owner.organization.id,
          login: 'bob,ou=people',
          password: 'bob-pw-1',
        })
      ).status,
    ).toBe(401);
  });

  it('speaks LDAPS with the configured CA, and refuses an unknown certificate', async () => {
    expect(
      (await configure(owner.accessToken, settings({ url: ldap.ldapsUrl, tlsCaPem: ldap.caPem })))
        .status,
    ).toBe(200);
    expect(
      (await ldapLogin({ organization: owner.organization.id, login: 'bob', password: 'bob-pw-1' }))
        .status,
    ).toBe(200);
    expect((await configure(owner.accessToken, settings({ url: ldap.ldapsUrl }))).status).toBe(200);
    const res = await ldapLogin({
      organization: owner.organization.id,
      login: 'bob',
      password: 'bob-pw-1',
    });
    expect(res.status).toBe(503);
    const test = await http().post('/api/v1/directory/test').set(auth(owner.accessToken)).send({});
    expect(test.body).toMatchObject({ ok: false, error: { code: 'tls' } });
  });

  it('upgrades ldap:// with StartTLS', async () => {
    expect(
      (await configure(owner.accessToken, settings({ startTls: true, tlsCaPem: ldap.caPem })))
        .status,
    ).toBe(200);
    expect(
      (await ldapLogin({ organization: owner.organization.id, login: 'bob', password: 'bob-pw-1' }))
        .status,
    ).toBe(200);
    expect((await configure(owner.accessToken, settings())).status).toBe(200);
  });
});

describe('directory sync', () => {
  it('creates and links everyone the groups admit, and reports what it could not', async () => {
    await ldap.addUser({
      uid: 'frank',
      password: 'frank-pw-1',
      givenName: 'Frank',
      sn: 'New',
      mail: 'frank@corp.example.test',
    });
    await ldap.setGroupMembers('calltimex-staff', ['alice', 'bob', 'eve', 'nomail', 'frank']);
    const run = await runSync(owner.accessToken);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual', deactivated: 0 });
    expect(run.created).toBe(1); // frank; alice, bob and eve signed in before
    expect(JSON.stringify(run.errors)).toContain('nomail');
    const users = await http()
      .get('/api/v1/users?search=corp.example.test')
      .set(auth(owner.accessToken));
    const emails = (users.body as { items: { email: string; role: string; status: string }[] })
      .items;
    expect(emails.map((u) => u.email).sort()).toEqual([
      'alice@corp.example.test',
      'bob@corp.example.test',
      'eve@corp.example.test',
      'frank@corp.example.test',
    ]);
    expect(emails.find((u) => u.email.startsWith('carol'))).toBeUndefined();
    const bob = await http().get('/api/v1/employees?search=bob@corp').set(auth(owner.accessToken));
    expect((bob.body as { items: { teamId: string }[] }).items[0]).toMatchObject({
      teamId: support.id,
    });
  });

  it('updates what changed in the directory', async () => {
    await ldap.modifyUser('frank', 'givenName', 'Franklin');
    const run = await runSync(owner.accessToken);
    expect(run).toMatchObject({ status: 'succeeded', created: 0, updated: 1, deactivated: 0 });
    const users = await http().get('/api/v1/users?search=frank@corp').set(auth(owner.accessToken));
    expect((users.body as { items: { firstName: string }[] }).items[0]).toMatchObject({
      firstName: 'Franklin',
    });
  });

  it('deactivates a user removed from the mapped group at the next sync and ends their sessions', async () => {
    const bob = await ldapLogin({
      organization: owner.organization.id,
      login: 'bob',
      password: 'bob-pw-1',
    });
    const bobToken = (bob.body as { accessToken: string }).accessToken;
    expect((await http().get('/api/v1/me').set(auth(bobToken))).status).toBe(200);
    await ldap.setGroupMembers('calltimex-staff', ['alice', 'eve', 'nomail', 'frank']);
    const run = await runSync(owner.accessToken);
    expect(run).toMatchObject({ status: 'succeeded', deactivated: 1 });
    expect((await http().get('/api/v1/me').set(auth(bobToken))).status).toBe(401);
    const users = await http().get('/api/v1/users?search=bob@corp').set(auth(owner.accessToken));
    expect((users.body as { items: { status: string }[] }).items[0]).toMatchObject({
      status: 'deactivated',
    });
    expect(
      (await ldapLogin({ organization: owner.organization.id, login: 'bob', password: 'bob-pw-1' }))
        .status,
    ).toBe(403);
    // Back in the group: active again at the next sync.
    await ldap.setGroupMembers('calltimex-staff', ['alice', 'bob', 'eve', 'nomail', 'frank']);
    expect(await runSync(owner.accessToken)).toMatchObject({ status: 'succeeded', deactivated: 0 });
    expect(
      (await ldapLogin({ organization: owner.organization.id, login: 'bob', password: 'bob-pw-1' }))
        .status,
    ).toBe(200);
  });

  it('records a failed run when the directory is unreachable', async () => {
    expect(
      (await configure(owner.accessToken, settings({ url: 'ldap://127.0.0.1:1' }))).status,
    ).toBe(200);
    const run = await runSync(owner.accessToken);
    expect(run).toMatchObject({ status: 'failed', deactivated: 0 });
    expect((await configure(owner.accessToken, settings())).status).toBe(200);
    // Nobody was deactivated by a failed run.
    const users = await http().get('/api/v1/users?search=alice@corp').set(auth(owner.accessToken));
    expect((users.body as { items: { status: string }[] }).items[0]).toMatchObject({
      status: 'active',
    });
  });

  it('lists runs newest first and audits them', async () => {
    const list = await http()
      .get('/api/v1/directory/sync-runs?pageSize=2')
      .set(auth(owner.accessToken));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 2 });
    expect((list.body as { total: number }).total).toBeGreaterThanOrEqual(5);
    const audit = await http()
      .get('/api/v1/audit?action=directory.sync-completed')
      .set(auth(owner.accessToken));
    expect((audit.body as { total: number }).total).toBeGreaterThanOrEqual(4);
  });
});

describe('organization isolation', () => {
  it('shows another organization nothing of this one', async () => {
    const list = await http().get('/api/v1/directory/sync-runs').set(auth(owner.accessToken));
    const runId = (list.body as { items: { id: string }[] }).items[0].id;
    expect(
      (await http().get(`/api/v1/directory/sync-runs/${runId}`).set(auth(other.accessToken)))
        .status,
    ).toBe(404);
    const config = await http().get('/api/v1/directory/config').set(auth(other.accessToken));
    expect(config.body).toMatchObject({ configured: false, url: '' });
    expect(
      (await http().post('/api/v1/directory/test').set(auth(other.accessToken)).send({})).status,
    ).toBe(404);
    expect(
      (await http().post('/api/v1/directory/sync-runs').set(auth(other.accessToken)).send({}))
        .status,
    ).toBe(404);
    const theirs = await http().get('/api/v1/directory/sync-runs').set(auth(other.accessToken));
    expect(theirs.body).toMatchObject({ total: 0, items: [] });
  });

  it('keeps each organization’s users to itself when both use the same directory', async () => {
    const team = await createTeam(ctx.app, other.accessToken, 'Other support');
    const body = {
      ...settings(),
      teamMappings: [{ group: ldap.groupDn('support'), teamId: team.id }],
    };
    expect((await configure(other.accessToken, body)).status).toBe(200);
    // Their sync cannot take alice: her email is a user of the first organization.
    const run = await runSync(other.accessToken);
    expect(run).toMatchObject({ status: 'succeeded', created: 0 });
    expect(JSON.stringify(run.errors)).toContain('another organization');
    // A team of the first organization is not theirs to map.
    const foreign = await configure(other.accessToken, { ...settings() });
    expect(foreign.status).toBe(400);
  });

  it('asks for the organization when several use a directory', async () => {
    const res = await ldapLogin({ login: 'bob', password: 'bob-pw-1' });
    expect(res.status).toBe(400);
  });
});

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '').toUpperCase())
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function totp(secret: Buffer, now: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}
