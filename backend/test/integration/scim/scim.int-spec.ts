import request from 'supertest';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  uniqueEmail,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

const SCIM = 'application/scim+json';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe(`SCIM 2.0 provisioning (${TEST_DB})`, () => {
  let ctx: TestContext;
  let server: ReturnType<TestContext['app']['getHttpServer']>;
  let orgA: SignedUp;
  let orgB: SignedUp;
  let scimA: string;
  let scimB: string;

  const scim = (token: string) => ({
    get: (url: string) =>
      request(server).get(`/scim/v2${url}`).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: unknown) =>
      request(server)
        .post(`/scim/v2${url}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', SCIM)
        .send(JSON.stringify(body)),
    put: (url: string, body: unknown) =>
      request(server)
        .put(`/scim/v2${url}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', SCIM)
        .send(JSON.stringify(body)),
    patch: (url: string, body: unknown) =>
      request(server)
        .patch(`/scim/v2${url}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', SCIM)
        .send(JSON.stringify(body)),
    delete: (url: string) =>
      request(server).delete(`/scim/v2${url}`).set('Authorization', `Bearer ${token}`),
  });
  const expectScimError = (res: request.Response, status: number, scimType?: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body.schemas).toEqual([ERROR]);
    expect(res.body.status).toBe(String(status));
    if (scimType) expect(res.body.scimType).toBe(scimType);
  };
  const serviceToken = async (owner: SignedUp, scopes = ['scim:provision']) => {
    const res = await request(server)
      .post('/api/v1/api-tokens')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ name: 'IdP', kind: 'service', scopes, expiresInDays: null });
    expect(res.status).toBe(201);
    return res.body.token as string;
  };
  const enrollDevice = async (owner: SignedUp, employeeEmail: string) => {
    const token = await request(server)
      .post('/api/v1/agent/enrollment-tokens')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({});
    expect(token.status).toBe(201);
    const enrolled = await request(server).post('/api/v1/agent/enroll').send({
      enrollmentToken: token.body.token,
      employeeEmail,
      hostname: 'pc-1',
      os: 'linux',
      agentVersion: '1.0.0',
    });
    expect(enrolled.status).toBe(201);
    return enrolled.body.deviceToken as string;
  };
  const deviceWorks = async (deviceToken: string) =>
    (
      await request(server)
        .post('/api/v1/agent/events')
        .set('Authorization', `Bearer ${deviceToken}`)
        .send({ events: [] })
    ).status;

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    server = ctx.app.getHttpServer();
    orgA = await signUp(ctx.app);
    orgB = await signUp(ctx.app);
    scimA = await serviceToken(orgA);
    scimB = await serviceToken(orgB);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('serves the discovery documents in SCIM JSON', async () => {
    const spc = await scim(scimA).get('/ServiceProviderConfig');
    expect(spc.status).toBe(200);
    expect(spc.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(spc.body.patch.supported).toBe(true);
    expect(spc.body.filter.supported).toBe(true);
    const types = await scim(scimA).get('/ResourceTypes');
    expect(types.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    const schemas = await scim(scimA).get('/Schemas');
    expect(schemas.body.totalResults).toBe(2);
    expect((await scim(scimA).get(`/Schemas/${USER}`)).status).toBe(200);
  });

  it('Okta-like: match an existing user, create one, deactivate → sessions and devices stop', async () => {
    const email = uniqueEmail('okta');
    const employee = await createEmployee(ctx.app, orgA.accessToken, {
      fullName: 'Olga Okta',
      email,
    });
    const person = await createUserWithRole(ctx.app, orgA.accessToken, 'employee', {
      email,
      employeeId: employee.id,
    });
    const deviceToken = await enrollDevice(orgA, email);
    expect(await deviceWorks(deviceToken)).toBe(200);
    const me = () =>
      request(server).get('/api/v1/me').set('Authorization', `Bearer ${person.accessToken}`);
    expect((await me()).status).toBe(200);

    const found = await scim(scimA).get(
      `/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}&startIndex=1&count=100`,
    );
    expect(found.status).toBe(200);
    expect(found.body.totalResults).toBe(1);
    const id = found.body.Resources[0].id as string;
    expect(id).toBe(person.user.id);
    expect(found.body.Resources[0].active).toBe(true);

    const newEmail = uniqueEmail('okta-new');
    const created = await scim(scimA).post('/Users', {
      schemas: [USER],
      userName: newEmail,
      name: { givenName: 'Nina', familyName: 'New' },
      emails: [{ primary: true, value: newEmail, type: 'work' }],
      active: true,
      groups: [],
    });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(created.body.userName).toBe(newEmail);
    expect(created.body.meta.location).toMatch(/\/scim\/v2\/Users\//);
    const again = await scim(scimA).post('/Users', { schemas: [USER], userName: newEmail });
    expectScimError(again, 409, 'uniqueness');

    const renamed = await scim(scimA).put(`/Users/${created.body.id}`, {
      schemas: [USER],
      id: created.body.id,
      userName: newEmail,
      name: { givenName: 'Nina', familyName: 'Renamed' },
      emails: [{ primary: true, value: newEmail, type: 'work' }],
      active: true,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name.familyName).toBe('Renamed');

    const deactivated = await scim(scimA).patch(`/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await me()).status).toBe(401);
    expect(await deviceWorks(deviceToken)).toBe(401);
    const employeeNow = await request(server)
      .get(`/api/v1/employees/${employee.id}`)
      .set('Authorization', `Bearer ${orgA.accessToken}`);
    expect(employeeNow.body.status).toBe('deactivated');
    const devices: { revokedAt: unknown }[] = await ctx.dataSource.query(
      'SELECT revokedAt FROM devices WHERE employeeId = ?',
      [employee.id],
    );
    expect(devices.every((d) => d.revokedAt !== null)).toBe(true);
    const login = await request(server)
      .post('/api/v1/auth/login')
      .send({ email, password: person.password });
    expect(login.status).toBe(401);
  }, 60_000);

  it('Entra-ID-like: create with externalId, patch attributes, groups, deactivate, delete', async () => {
    const email = uniqueEmail('entra');
    const created = await scim(scimA).post('/Users', {
      schemas: [USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: 'e-0001',
      userName: email,
      active: true,
      displayName: 'Erik Entra',
      emails: [{ primary: true, type: 'work', value: email }],
      name: { givenName: 'Erik', familyName: 'Entra' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Ops' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.externalId).toBe('e-0001');
    const deviceToken = await enrollDevice(orgA, email);
    expect(await deviceWorks(deviceToken)).toBe(200);

    const byExternal = await scim(scimA).get(
      `/Users?filter=${encodeURIComponent('externalId eq "e-0001"')}`,
    );
    expect(byExternal.body.totalResults).toBe(1);
    expect(byExternal.body.Resources[0].id).toBe(id);

    const patched = await scim(scimA).patch(`/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Erik E. Entra' },
        { op: 'Replace', path: 'name.familyName', value: 'Entrason' },
        {
          op: 'Add',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
          value: 'IT',
        },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.displayName).toBe('Erik E. Entra');
    expect(patched.body.name.familyName).toBe('Entrason');

    const group = await scim(scimA).post('/Groups', {
      schemas: [GROUP],
      displayName: 'Entra Ops',
      externalId: 'g-1',
      members: [],
    });
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;
    const added = await scim(scimA).patch(`/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }],
    });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: { value: string }) => m.value)).toEqual([id]);
    const user = await scim(scimA).get(`/Users/${id}`);
    expect(user.body.groups).toEqual([
      expect.objectContaining({ value: groupId, display: 'Entra Ops' }),
    ]);
    const byName = await scim(scimA).get(
      `/Groups?filter=${encodeURIComponent('displayName eq "entra ops"')}&excludedAttributes=members`,
    );
    expect(byName.body.totalResults).toBe(1);
    expect(byName.body.Resources[0].members).toBeUndefined();
    const removed = await scim(scimA).patch(`/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Remove', path: `members[value eq "${id}"]` }],
    });
    expect(removed.status).toBe(200);
    expect(removed.body.members).toEqual([]);
    const renamedGroup = await scim(scimA).patch(`/Groups/${groupId}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'displayName', value: 'Entra Operations' }],
    });
    expect(renamedGroup.body.displayName).toBe('Entra Operations');

    const off = await scim(scimA).patch(`/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(await deviceWorks(deviceToken)).toBe(401);
    const on = await scim(scimA).patch(`/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: true }],
    });
    expect(on.body.active).toBe(true);
    // Reactivation does not bring revoked device tokens back.
    expect(await deviceWorks(deviceToken)).toBe(401);

    expect((await scim(scimA).delete(`/Users/${id}`)).status).toBe(204);
    expectScimError(await scim(scimA).get(`/Users/${id}`), 404);
    expect((await scim(scimA).delete(`/Groups/${groupId}`)).status).toBe(204);
    expectScimError(await scim(scimA).get(`/Groups/${groupId}`), 404);
  }, 60_000);

  it('filters, pages and refuses bad or injected filters with invalidFilter', async () => {
    for (let i = 0; i < 3; i++) {
      const email = uniqueEmail(`page${i}`);
      const res = await scim(scimA).post('/Users', { schemas: [USER], userName: email });
      expect(res.status).toBe(201);
    }
    const page = await scim(scimA).get('/Users?startIndex=2&count=2');
    expect(page.status).toBe(200);
    expect(page.body.startIndex).toBe(2);
    expect(page.body.itemsPerPage).toBe(2);
    expect(page.body.Resources).toHaveLength(2);
    const sw = await scim(scimA).get(
      `/Users?filter=${encodeURIComponent('userName sw "page" and (emails.value co "@" or active eq false)')}`,
    );
    expect(sw.body.totalResults).toBe(3);
    for (const bad of [
      'userName eq',
      'userName eq "a" and (active eq true',
      'password eq "x"',
      'userName eq "x" or 1 eq 1',
      "userName eq 'x' --",
      `userName eq "${'a'.repeat(3000)}"`,
    ]) {
      const res = await scim(scimA).get(`/Users?filter=${encodeURIComponent(bad)}`);
      expectScimError(res, 400, 'invalidFilter');
    }
    expectScimError(await scim(scimA).get('/Users?count=abc'), 400, 'invalidValue');
  });

  it('keeps organizations apart and accepts only service tokens with scim:provision', async () => {
    const created = await scim(scimA).post('/Users', {
      schemas: [USER],
      userName: uniqueEmail('iso'),
    });
    const id = created.body.id as string;
    expectScimError(await scim(scimB).get(`/Users/${id}`), 404);
    expectScimError(
      await scim(scimB).patch(`/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      }),
      404,
    );
    expectScimError(await scim(scimB).delete(`/Users/${id}`), 404);
    const listB = await scim(scimB).get('/Users');
    expect(listB.body.Resources.map((r: { id: string }) => r.id)).not.toContain(id);
    expectScimError(await scim(scimA).get('/Users/not-a-uuid'), 404);

    expectScimError(await request(server).get('/scim/v2/Users'), 401);
    expectScimError(await scim('ctx_svc_' + 'x'.repeat(43)).get('/Users'), 401);
    expectScimError(await scim(orgA.accessToken).get('/Users'), 403);
    const readOnly = await serviceToken(orgA, ['employees:read']);
    const missing = await scim(readOnly).get('/Users');
    expectScimError(missing, 403);
    expect(missing.body.detail).toContain('scim:provision');
  });

  it('answers malformed, oversized and deeply nested bodies with 4xx SCIM errors', async () => {
    const malformed = await request(server)
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${scimA}`)
      .set('Content-Type', SCIM)
      .send('{"userName": ');
    expectScimError(malformed, 400);
    const big = await scim(scimA).post('/Users', {
      schemas: [USER],
      userName: uniqueEmail('big'),
      displayName: 'x'.repeat(300_000),
    });
    expectScimError(big, 413);
    let nested: unknown = { v: 1 };
    for (let i = 0; i < 40; i++) nested = { v: nested };
    const deep = await scim(scimA).post('/Users', {
      schemas: [USER],
      userName: uniqueEmail('d'),
      x: nested,
    });
    expectScimError(deep, 400);
    const wrongSchema = await scim(scimA).post('/Users', { schemas: [GROUP], userName: 'a@b.co' });
    expectScimError(wrongSchema, 400, 'invalidSyntax');
    const noName = await scim(scimA).post('/Users', { schemas: [USER] });
    expectScimError(noName, 400, 'invalidValue');
    const badPatch = await scim(scimA).patch(`/Users/${orgA.user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'explode', path: 'active' }],
    });
    expectScimError(badPatch, 400, 'invalidSyntax');
    const tooMany = await scim(scimA).patch(`/Users/${orgA.user.id}`, {
      schemas: [PATCH],
      Operations: Array.from({ length: 101 }, () => ({
        op: 'replace',
        path: 'displayName',
        value: 'x',
      })),
    });
    expectScimError(tooMany, 400);
    const owner = await scim(scimA).patch(`/Users/${orgA.user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expectScimError(owner, 403);
  });
});
