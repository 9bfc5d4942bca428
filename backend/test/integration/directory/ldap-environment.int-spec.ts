// IT automation: the directory settings come from the DIRECTORY_CONFIG_PATH file (bind password
// from a secret file), apply to the organization it names, sign-in works, and the api may read
// them (never the password) but not change them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startLdapServer, type LdapTestServer } from '#test/support/ldap-server.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';

let ctx: TestContext;
let ldap: LdapTestServer;
let owner: SignedUp;
let dir: string;
const ORG_NAME = 'Environment Corp';

const http = () => request(ctx.app.getHttpServer());

beforeAll(async () => {
  ldap = await startLdapServer({
    suffix: 'dc=env,dc=example,dc=test',
    users: [
      {
        uid: 'ivan',
        password: 'ivan-pw-1',
        givenName: 'Ivan',
        sn: 'Env',
        mail: 'ivan@env.example.test',
      },
    ],
    groups: [{ cn: 'timekeepers', members: ['ivan'] }],
  });
  dir = mkdtempSync(join(tmpdir(), 'ctx-dirfile-'));
  writeFileSync(join(dir, 'bind-password'), `${ldap.servicePassword}\n`);
  writeFileSync(
    join(dir, 'directory.json'),
    JSON.stringify({
      organizations: [
        {
          organization: ORG_NAME,
          enabled: true,
          url: ldap.url,
          bindDn: ldap.serviceDn,
          bindPasswordFile: join(dir, 'bind-password'),
          baseDn: ldap.peopleDn,
          groupBaseDn: ldap.groupsDn,
          roleMappings: [{ group: ldap.groupDn('timekeepers'), role: 'manager' }],
        },
      ],
    }),
  );
  ctx = await startTestApp({ DIRECTORY_CONFIG_PATH: join(dir, 'directory.json') });
  // The organization is signed up after the api started: the file applies to it all the same.
  owner = await signUp(ctx.app, { organizationName: ORG_NAME });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await ldap?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('directory settings from the environment', () => {
  it('signs in a directory user of the organization the file names', async () => {
    const res = await http()
      .post('/api/v1/auth/ldap/login')
      .send({ login: 'ivan', password: 'ivan-pw-1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: {
        email: 'ivan@env.example.test',
        role: 'manager',
        organizationId: owner.organization.id,
      },
    });
  });

  it('shows them as managed by IT, without the password', async () => {
    const res = await http()
      .get('/api/v1/directory/config')
      .set('Authorization', `Bearer ${owner.accessToken}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'environment', hasBindPassword: true, url: ldap.url });
    expect(JSON.stringify(res.body)).not.toContain(ldap.servicePassword);
  });

  it('refuses changes through the api with 409', async () => {
    const put = await http()
      .put('/api/v1/directory/config')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({
        enabled: false,
        url: ldap.url,
        bindDn: ldap.serviceDn,
        bindPassword: 'x',
        baseDn: ldap.peopleDn,
      });
    expect(put.status).toBe(409);
    expect((put.body as { type: string }).type).toContain('directory-managed-by-environment');
    const del = await http()
      .delete('/api/v1/directory/config')
      .set('Authorization', `Bearer ${owner.accessToken}`);
    expect(del.status).toBe(409);
  });
});
