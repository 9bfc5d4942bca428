import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EmployeeEntity } from '#src/modules/accounts/entities/employee.entity.js';
import { ActivitySpanEntity } from '#src/modules/activity/entities/activity-span.entity.js';
import { DeviceInventoryEntity } from '#src/modules/agent/entities/device-inventory.entity.js';
import { DeviceEntity } from '#src/modules/agent/entities/device.entity.js';
import { EnrollmentTokenEntity } from '#src/modules/agent/entities/enrollment-token.entity.js';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

describe(`agent enrollment and devices on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let orgA: SignedUp;
  let orgB: SignedUp;
  let employeeA: TestEmployee;
  let employeeB: TestEmployee;

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    orgA = await signUp(ctx.app);
    orgB = await signUp(ctx.app);
    employeeA = await createEmployee(ctx.app, orgA.accessToken);
    employeeB = await createEmployee(ctx.app, orgB.accessToken);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const http = () => request(ctx.app.getHttpServer());

  async function newEnrollmentToken(
    token = orgA.accessToken,
    body: Record<string, unknown> = {},
  ): Promise<{ id: string; token: string; expiresAt: string }> {
    const res = await http()
      .post('/api/v1/agent/enrollment-tokens')
      .set('Authorization', `Bearer ${token}`)
      .send(body)
      .expect(201);
    return res.body as { id: string; token: string; expiresAt: string };
  }

  function enroll(enrollmentToken: string, employeeEmail: string, extra: object = {}) {
    return http()
      .post('/api/v1/agent/enroll')
      .send({
        enrollmentToken,
        employeeEmail,
        hostname: 'WS-0042',
        os: 'Windows 11 23H2',
        agentVersion: '1.2.3',
        ...extra,
      });
  }

  function upload(deviceToken: string) {
    const start = Date.now() - 3_600_000;
    return http()
      .post('/api/v1/agent/events')
      .set('Authorization', `Bearer ${deviceToken}`)
      .send({
        events: [
          {
            id: randomUUID(),
            kind: 'active',
            start: new Date(start).toISOString(),
            end: new Date(start + 60_000).toISOString(),
            app: 'Code',
          },
        ],
      });
  }

  describe('enrollment tokens', () => {
    it('creates a token valid for a week by default and keeps only its hash', async () => {
      const before = Date.now();
      const created = await newEnrollmentToken();
      expect(created.token).toMatch(/^cte_[A-Za-z0-9_-]{43}$/);
      const expires = Date.parse(created.expiresAt);
      expect(expires).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
      const stored = await ctx.dataSource
        .getRepository(EnrollmentTokenEntity)
        .findOneByOrFail({ id: created.id });
      expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(created.token);
    });

    it('honours expiresInHours and maxUses, and lists tokens without their secret', async () => {
      const created = await newEnrollmentToken(orgA.accessToken, {
        expiresInHours: 2,
        maxUses: 3,
      });
      expect(Date.parse(created.expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
      const list = await http()
        .get('/api/v1/agent/enrollment-tokens')
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(200);
      const listed = list.body.items.find((t: { id: string }) => t.id === created.id);
      expect(listed).toMatchObject({ status: 'active', maxUses: 3, uses: 0 });
      expect(JSON.stringify(list.body)).not.toContain(created.token);
      // Organization B sees none of A's tokens.
      const other = await http()
        .get('/api/v1/agent/enrollment-tokens')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .expect(200);
      expect(other.body.items.map((t: { id: string }) => t.id)).not.toContain(created.id);
    });

    it.each([
      [{ expiresInHours: 0 }],
      [{ expiresInHours: 10_000 }],
      [{ expiresInHours: '24' }],
      [{ maxUses: 0 }],
      [{ maxUses: 1.5 }],
      [{ label: 'unknown field' }],
    ])('answers %j with 400', async (body) => {
      const res = await http()
        .post('/api/v1/agent/enrollment-tokens')
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .send(body)
        .expect(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it('is for owners and admins only', async () => {
      await http().post('/api/v1/agent/enrollment-tokens').send({}).expect(401);
      for (const role of ['hr', 'manager', 'employee'] as const) {
        const user = await createUserWithRole(ctx.app, orgA.accessToken, role);
        await http()
          .post('/api/v1/agent/enrollment-tokens')
          .set('Authorization', `Bearer ${user.accessToken}`)
          .send({})
          .expect(403);
        await http()
          .get('/api/v1/agent/devices')
          .set('Authorization', `Bearer ${user.accessToken}`)
          .expect(403);
      }
      const admin = await createUserWithRole(ctx.app, orgA.accessToken, 'admin');
      await newEnrollmentToken(admin.accessToken);
    });

    it('revokes a token, and another organization cannot', async () => {
      const created = await newEnrollmentToken();
      await http()
        .post(`/api/v1/agent/enrollment-tokens/${created.id}/revoke`)
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .expect(404);
      await http()
        .post(`/api/v1/agent/enrollment-tokens/not-a-uuid/revoke`)
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(400);
      const res = await http()
        .post(`/api/v1/agent/enrollment-tokens/${created.id}/revoke`)
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(200);
      expect(res.body.status).toBe('revoked');
      const refused = await enroll(created.token, employeeA.email).expect(401);
      expect(refused.body.detail).toMatch(/revoked/);
    });
  });

  describe('enroll', () => {
    it('enrolls a device with a 256-bit token stored only as a hash, and records inventory', async () => {
      const { token } = await newEnrollmentToken();
      const res = await enroll(token, employeeA.email.toUpperCase()).expect(201);
      expect(res.body.deviceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.deviceToken).toMatch(/^ctd_[A-Za-z0-9_-]{43}$/);
      const device = await ctx.dataSource
        .getRepository(DeviceEntity)
        .findOneByOrFail({ id: res.body.deviceId });
      expect(device).toMatchObject({
        organizationId: orgA.organization.id,
        employeeId: employeeA.id,
        revokedAt: null,
      });
      expect(JSON.stringify(device)).not.toContain(res.body.deviceToken);
      const inventory = await ctx.dataSource
        .getRepository(DeviceInventoryEntity)
        .findOneByOrFail({ deviceId: device.id });
      expect(inventory).toMatchObject({
        hostname: 'WS-0042',
        os: 'Windows 11 23H2',
        agentVersion: '1.2.3',
      });
      // Inventory carries no personal data: no employee, name or email.
      expect(Object.keys(inventory).sort()).toEqual(
        [
          'agentVersion',
          'deviceId',
          'hostname',
          'lastAddress',
          'lastSeenAt',
          'organizationId',
          'os',
        ].sort(),
      );
      await upload(res.body.deviceToken).expect(200);
    });

    it('refuses unknown, malformed and expired tokens with 401', async () => {
      await enroll('cte_' + 'x'.repeat(43), employeeA.email).expect(401);
      await enroll('nonsense', employeeA.email).expect(401);
      const { id, token } = await newEnrollmentToken();
      await ctx.dataSource
        .getRepository(EnrollmentTokenEntity)
        .update({ id }, { expiresAt: new Date(Date.now() - 1000) });
      const res = await enroll(token, employeeA.email).expect(401);
      expect(res.body.detail).toMatch(/expired/);
    });

    it('answers 404 for an unknown employee and for an employee of another organization', async () => {
      const { token } = await newEnrollmentToken();
      await enroll(token, 'nobody@example.test').expect(404);
      const cross = await enroll(token, employeeB.email).expect(404);
      expect(cross.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        await ctx.dataSource.getRepository(DeviceEntity).countBy({ employeeId: employeeB.id }),
      ).toBe(0);
    });

    it('refuses a deactivated employee', async () => {
      const person = await createEmployee(ctx.app, orgA.accessToken);
      await ctx.dataSource
        .getRepository(EmployeeEntity)
        .update({ id: person.id }, { status: 'deactivated' });
      const { token } = await newEnrollmentToken();
      await enroll(token, person.email).expect(409);
    });

    it('stops at maxUses, also when enrollments race', async () => {
      const { token } = await newEnrollmentToken(orgA.accessToken, { maxUses: 2 });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => enroll(token, employeeA.email)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 401, 401, 401]);
      const res = await enroll(token, employeeA.email).expect(401);
      expect(res.body.detail).toMatch(/used/);
    });

    it.each([
      [{ hostname: '' }],
      [{ hostname: 'h'.repeat(256) }],
      [{ os: 42 }],
      [{ agentVersion: 'v'.repeat(65) }],
      [{ employeeEmail: 'not-an-email' }],
      [{ enrollmentToken: 'x'.repeat(10_000) }],
      [{ deviceId: randomUUID() }],
    ])('answers %j with 400', async (extra) => {
      const { token } = await newEnrollmentToken();
      const res = await enroll(token, employeeA.email, extra).expect(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it('answers a body without fields with 400', async () => {
      await http().post('/api/v1/agent/enroll').send({}).expect(400);
    });
  });

  describe('devices', () => {
    let deviceId: string;
    let deviceToken: string;

    beforeAll(async () => {
      const { token } = await newEnrollmentToken();
      const res = await enroll(token, employeeA.email).expect(201);
      ({ deviceId, deviceToken } = res.body);
    });

    it('lists and shows devices with their inventory', async () => {
      const list = await http()
        .get(`/api/v1/agent/devices?employeeId=${employeeA.id}&status=active`)
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(200);
      const found = list.body.items.find((d: { id: string }) => d.id === deviceId);
      expect(found).toMatchObject({
        employeeId: employeeA.id,
        status: 'active',
        hostname: 'WS-0042',
        os: 'Windows 11 23H2',
        agentVersion: '1.2.3',
        revokedAt: null,
      });
      expect(found.lastSeenAt).not.toBeNull();
      expect(list.body.total).toBeGreaterThanOrEqual(1);
      const one = await http()
        .get(`/api/v1/agent/devices/${deviceId}`)
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(200);
      expect(one.body.id).toBe(deviceId);
    });

    it('hides devices from other organizations and rejects bad ids and filters', async () => {
      await http()
        .get(`/api/v1/agent/devices/${deviceId}`)
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .expect(404);
      await http()
        .post(`/api/v1/agent/devices/${deviceId}/revoke`)
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .expect(404);
      const listB = await http()
        .get('/api/v1/agent/devices')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .expect(200);
      expect(listB.body.items.map((d: { id: string }) => d.id)).not.toContain(deviceId);
      await http()
        .get('/api/v1/agent/devices/123')
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(400);
      await http()
        .get('/api/v1/agent/devices?status=lost')
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(400);
      await http()
        .get('/api/v1/agent/devices?pageSize=100000')
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(400);
    });

    it('a device of organization A cannot write into organization B', async () => {
      const res = await upload(deviceToken).expect(200);
      expect(res.body.accepted).toBe(1);
      const spans = await ctx.dataSource.getRepository(ActivitySpanEntity).findBy({ deviceId });
      expect(spans.every((s) => s.organizationId === orgA.organization.id)).toBe(true);
      expect(
        await ctx.dataSource
          .getRepository(ActivitySpanEntity)
          .countBy({ organizationId: orgB.organization.id }),
      ).toBe(0);
    });

    it('takes the device’s own inventory report and refuses bad ones', async () => {
      await http()
        .put('/api/v1/agent/inventory')
        .set('Authorization', `Bearer ${deviceToken}`)
        .send({ agentVersion: '1.3.0', os: 'Windows 11 24H2' })
        .expect(204);
      const one = await http()
        .get(`/api/v1/agent/devices/${deviceId}`)
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(200);
      expect(one.body).toMatchObject({
        hostname: 'WS-0042',
        os: 'Windows 11 24H2',
        agentVersion: '1.3.0',
      });
      for (const body of [{ agentVersion: '' }, { hostname: 'h'.repeat(256) }, { owner: 'x' }]) {
        await http()
          .put('/api/v1/agent/inventory')
          .set('Authorization', `Bearer ${deviceToken}`)
          .send(body)
          .expect(400);
      }
      await http().put('/api/v1/agent/inventory').send({ os: 'x' }).expect(401);
    });

    it('revoking a device makes its token answer 401 on the very next request', async () => {
      await upload(deviceToken).expect(200);
      const res = await http()
        .post(`/api/v1/agent/devices/${deviceId}/revoke`)
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(200);
      expect(res.body.status).toBe('revoked');
      await upload(deviceToken).expect(401);
      await http()
        .get('/api/v1/agent/config')
        .set('Authorization', `Bearer ${deviceToken}`)
        .expect(401);
      await http()
        .put('/api/v1/agent/inventory')
        .set('Authorization', `Bearer ${deviceToken}`)
        .send({ agentVersion: '9.9.9' })
        .expect(401);
    });
  });

  describe('data-collection settings', () => {
    it('defaults to titles on and full URLs, and admins change them', async () => {
      const initial = await http()
        .get('/api/v1/settings/data-collection')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .expect(200);
      expect(initial.body).toMatchObject({ collectTitles: true, urlMode: 'full' });
      const changed = await http()
        .patch('/api/v1/settings/data-collection')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .send({ collectTitles: false })
        .expect(200);
      expect(changed.body).toMatchObject({ collectTitles: false, urlMode: 'full' });
      const both = await http()
        .patch('/api/v1/settings/data-collection')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .send({ urlMode: 'host' })
        .expect(200);
      expect(both.body).toMatchObject({ collectTitles: false, urlMode: 'host' });
      // Organization A is untouched.
      const a = await http()
        .get('/api/v1/settings/data-collection')
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(200);
      expect(a.body).toMatchObject({ collectTitles: true, urlMode: 'full' });
    });

    it.each([[{ collectTitles: 'no' }], [{ urlMode: 'path' }], [{ collectScreens: true }]])(
      'answers %j with 400',
      async (body) => {
        await http()
          .patch('/api/v1/settings/data-collection')
          .set('Authorization', `Bearer ${orgA.accessToken}`)
          .send(body)
          .expect(400);
      },
    );

    it('is for owners and admins only', async () => {
      const hr = await createUserWithRole(ctx.app, orgA.accessToken, 'hr');
      await http()
        .patch('/api/v1/settings/data-collection')
        .set('Authorization', `Bearer ${hr.accessToken}`)
        .send({ collectTitles: false })
        .expect(403);
    });

    it('never stores a title once titles are switched off, from the next upload on', async () => {
      const employee = await createEmployee(ctx.app, orgB.accessToken);
      const { token } = await newEnrollmentToken(orgB.accessToken);
      const { deviceToken } = (await enroll(token, employee.email).expect(201)).body;
      await http()
        .patch('/api/v1/settings/data-collection')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .send({ collectTitles: true, urlMode: 'full' })
        .expect(200);
      const start = Date.now() - 7_200_000;
      const event = (n: number) => ({
        id: randomUUID(),
        kind: 'active',
        start: new Date(start + n * 60_000).toISOString(),
        end: new Date(start + (n + 1) * 60_000).toISOString(),
        app: 'Firefox',
        title: `Private matter ${n}`,
        url: `https://bank.example.com/account/${n}`,
      });
      const on = event(0);
      await http()
        .post('/api/v1/agent/events')
        .set('Authorization', `Bearer ${deviceToken}`)
        .send({ events: [on] })
        .expect(200);
      await http()
        .patch('/api/v1/settings/data-collection')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .send({ collectTitles: false, urlMode: 'host' })
        .expect(200);
      const off = event(1);
      await http()
        .post('/api/v1/agent/events')
        .set('Authorization', `Bearer ${deviceToken}`)
        .send({ events: [off] })
        .expect(200);
      const repo = ctx.dataSource.getRepository(ActivitySpanEntity);
      expect(await repo.findOneByOrFail({ eventId: on.id })).toMatchObject({
        title: 'Private matter 0',
        url: 'https://bank.example.com/account/0',
      });
      expect(await repo.findOneByOrFail({ eventId: off.id })).toMatchObject({
        title: null,
        url: 'bank.example.com',
      });
    });
  });
});
