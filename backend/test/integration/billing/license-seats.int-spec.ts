import request from 'supertest';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { seedDevice } from '../agent/agent-fixtures.js';
import { TEST_LICENSE_PUBLIC_KEY, testLicense } from './billing-fixtures.js';

describe('offline licenses and seat enforcement', () => {
  let ctx: TestContext;
  let orgA: SignedUp;
  let orgB: SignedUp;
  const http = () => request(ctx.app.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true', LICENSE_PUBLIC_KEY: TEST_LICENSE_PUBLIC_KEY });
    orgA = await signUp(ctx.app);
    orgB = await signUp(ctx.app);
  });

  afterAll(() => ctx.close());

  const upload = (owner: SignedUp, license: unknown) =>
    http()
      .post('/api/v1/billing/license')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ license });

  /** A new employee enrolled through the API; returns the response. */
  async function enrollNew(owner: SignedUp, email?: string) {
    const employee = email ? { email } : await createEmployee(ctx.app, owner.accessToken);
    const token = await http()
      .post('/api/v1/agent/enrollment-tokens')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({})
      .expect(201);
    return http().post('/api/v1/agent/enroll').send({
      enrollmentToken: token.body.token,
      employeeEmail: employee.email,
      hostname: 'ws',
      os: 'Linux',
      agentVersion: '1.0.0',
    });
  }

  async function seedSeats(owner: SignedUp, count: number) {
    for (let i = 0; i < count; i += 1)
      await seedDevice(ctx.dataSource, { organizationId: owner.organization.id });
  }

  describe('upload', () => {
    it('answers 404 before any license, and the free tier in /seats', async () => {
      await http()
        .get('/api/v1/billing/license')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .expect(404);
      const seats = await http()
        .get('/api/v1/billing/seats')
        .set('Authorization', `Bearer ${orgB.accessToken}`)
        .expect(200);
      expect(seats.body).toMatchObject({
        plan: 'free',
        licensedSeats: 5,
        graceSeats: 0,
        seatsInUse: 0,
        enforced: false,
        license: null,
      });
    });

    it('refuses a license with one byte changed in its claims or its signature', async () => {
      const good = testLicense(orgA.organization.id, { seats: 10 });
      const [prefix, claims, signature] = good.split('.');
      // Raise the seats in the signed JSON: re-encoded claims no longer match the signature.
      const json = Buffer.from(claims, 'base64url')
        .toString('utf8')
        .replace('"seats":10', '"seats":90');
      const forged = `${prefix}.${Buffer.from(json).toString('base64url')}.${signature}`;
      const res = await upload(orgA, forged).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 422,
        type: expect.stringMatching(/license-signature-invalid$/),
      });

      for (const position of [5, claims.length + 10, good.length - 3]) {
        const chars = good.split('');
        chars[position] = chars[position] === 'A' ? 'B' : 'A';
        const changed = chars.join('');
        const r = await upload(orgA, changed);
        expect([400, 422]).toContain(r.status);
        expect(r.body.detail).toEqual(expect.any(String));
      }
      await http()
        .get('/api/v1/billing/license')
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .expect(404);
    });

    it('refuses a license signed with another key', async () => {
      const res = await upload(orgA, testLicense(orgA.organization.id, {}, 'other')).expect(422);
      expect(res.body.type).toMatch(/license-signature-invalid$/);
    });

    it('refuses an expired license and one not valid yet', async () => {
      const expired = await upload(
        orgA,
        testLicense(orgA.organization.id, {
          validFrom: '2024-01-01T00:00:00.000Z',
          validUntil: '2025-01-01T00:00:00.000Z',
        }),
      ).expect(422);
      expect(expired.body.type).toMatch(/license-expired$/);
      expect(expired.body.detail).toContain('2025-01-01');
      const future = await upload(
        orgA,
        testLicense(orgA.organization.id, { validFrom: '2098-01-01T00:00:00.000Z' }),
      ).expect(422);
      expect(future.body.type).toMatch(/license-not-yet-valid$/);
    });

    it("refuses another organization's license", async () => {
      const res = await upload(orgA, testLicense(orgB.organization.id)).expect(422);
      expect(res.body.type).toMatch(/license-organization-mismatch$/);
    });

    it.each([
      ['garbage', 'not a license at all'],
      ['wrong prefix', 'CTXL9.abc.def'],
      ['a number', 12345678901],
      ['a huge string', 'x'.repeat(9_000)],
    ])('answers 400 for %s', async (_, value) => {
      await upload(orgA, value).expect(400);
    });

    it('answers 400 for unknown fields and 403 for non-owners', async () => {
      await http()
        .post('/api/v1/billing/license')
        .set('Authorization', `Bearer ${orgA.accessToken}`)
        .send({ license: testLicense(orgA.organization.id), seats: 1000 })
        .expect(400);
      const admin = await createUserWithRole(ctx.app, orgA.accessToken, 'admin');
      await http()
        .post('/api/v1/billing/license')
        .set('Authorization', `Bearer ${admin.accessToken}`)
        .send({ license: testLicense(orgA.organization.id) })
        .expect(403);
      await http().post('/api/v1/billing/license').send({ license: 'x' }).expect(401);
    });
  });

  describe('seat enforcement', () => {
    it('without a license: the free tier of 5 seats is reported, not enforced (evaluation mode)', async () => {
      const owner = await signUp(ctx.app);
      await seedSeats(owner, 4);
      const fifth = await createEmployee(ctx.app, owner.accessToken);
      expect((await enrollNew(owner, fifth.email)).status).toBe(201);
      // A second device of an employee who holds a seat takes no new one.
      expect((await enrollNew(owner, fifth.email)).status).toBe(201);
      const sixth = await enrollNew(owner);
      expect(sixth.status).toBe(201);
      const seats = await http()
        .get('/api/v1/billing/seats')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      expect(seats.body).toMatchObject({
        plan: 'free',
        licensedSeats: 5,
        seatsInUse: 6,
        enforced: false,
      });
    });

    it('lists who holds the seats by name, paged, one row per employee, for the owner only', async () => {
      const owner = await signUp(ctx.app);
      const ada = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Ada Seat' });
      const bob = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Bob Seat' });
      expect((await enrollNew(owner, ada.email)).status).toBe(201);
      expect((await enrollNew(owner, ada.email)).status).toBe(201);
      expect((await enrollNew(owner, bob.email)).status).toBe(201);
      // Another organization's seats are never listed.
      await enrollNew(orgB);
      const auth = { Authorization: `Bearer ${owner.accessToken}` };
      const first = await http()
        .get('/api/v1/billing/seats/holders?pageSize=1')
        .set(auth)
        .expect(200);
      expect(first.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
      expect(first.body.items).toEqual([
        {
          employeeId: ada.id,
          fullName: 'Ada Seat',
          email: ada.email,
          devices: 2,
          since: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        },
      ]);
      expect(Date.now() - Date.parse(first.body.items[0].since)).toBeLessThan(10 * 60_000);
      const second = await http()
        .get('/api/v1/billing/seats/holders?pageSize=1&page=2')
        .set(auth)
        .expect(200);
      expect(second.body.items.map((h: { fullName: string }) => h.fullName)).toEqual(['Bob Seat']);

      for (const bad of ['pageSize=0', 'pageSize=201', 'page=abc', 'sort=name']) {
        const res = await http().get(`/api/v1/billing/seats/holders?${bad}`).set(auth);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
      await http()
        .get('/api/v1/billing/seats/holders')
        .set('Authorization', `Bearer ${admin.accessToken}`)
        .expect(403);
      await http().get('/api/v1/billing/seats/holders').expect(401);
    });

    it('a license for 10 seats: the 10th enrolls, the 11th is refused (no grace below 20 seats)', async () => {
      const owner = await signUp(ctx.app);
      await upload(owner, testLicense(owner.organization.id, { seats: 10 })).expect(201);
      const got = await http()
        .get('/api/v1/billing/license')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      expect(got.body).toMatchObject({
        seats: 10,
        plan: 'team',
        status: 'valid',
        organizationId: owner.organization.id,
      });
      await seedSeats(owner, 9);
      expect((await enrollNew(owner)).status).toBe(201);
      const eleventh = await enrollNew(owner);
      expect(eleventh.status).toBe(403);
      expect(eleventh.body).toMatchObject({
        seatLimit: 10,
        licensedSeats: 10,
        seatsInUse: 10,
        plan: 'team',
      });
    });

    it('a license for 20 seats allows a grace of 1: the 21st enrolls, the 22nd is refused', async () => {
      const owner = await signUp(ctx.app);
      await upload(owner, testLicense(owner.organization.id, { seats: 20 })).expect(201);
      await seedSeats(owner, 20);
      expect((await enrollNew(owner)).status).toBe(201);
      const refused = await enrollNew(owner);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        seatLimit: 21,
        licensedSeats: 20,
        graceSeats: 1,
        seatsInUse: 21,
      });
      const seats = await http()
        .get('/api/v1/billing/seats')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      expect(seats.body).toMatchObject({
        plan: 'team',
        licensedSeats: 20,
        graceSeats: 1,
        seatsInUse: 21,
        pricePerSeatMinor: 400,
      });
    });

    it('a license edited in the database grants nothing: its signature is checked again', async () => {
      const owner = await signUp(ctx.app);
      await upload(owner, testLicense(owner.organization.id, { seats: 10 })).expect(201);
      await ctx.dataSource.query(
        `UPDATE billing_licenses SET document = REPLACE(document, SUBSTR(document, 10, 4), 'AAAA') WHERE organizationId = ?`,
        [owner.organization.id],
      );
      const seats = await http()
        .get('/api/v1/billing/seats')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      expect(seats.body).toMatchObject({ plan: 'free', licensedSeats: 5, enforced: false });
    });
  });
});
