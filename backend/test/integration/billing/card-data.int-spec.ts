import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { seedDevice } from '../agent/agent-fixtures.js';

describe('card data, the PAN guard and billing contacts', () => {
  let ctx: TestContext;
  let orgA: SignedUp;
  let orgB: SignedUp;
  const http = () => request(ctx.app.getHttpServer());
  const as = (owner: SignedUp) => ({ Authorization: `Bearer ${owner.accessToken}` });
  const card = {
    provider: 'stripe',
    providerToken: 'pm_1Q2w3E4r5T6y7U8i9O0pTokenXyZ',
    brand: 'visa',
    last4: '4242',
    expMonth: 8,
    expYear: 2029,
  };

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    orgA = await signUp(ctx.app);
    orgB = await signUp(ctx.app);
  });

  afterAll(() => ctx.close());

  describe('stored cards', () => {
    let cardId: string;

    it('keeps only token, brand, last four and expiry, sealed at rest', async () => {
      const created = await http()
        .post('/api/v1/billing/cards')
        .set(as(orgA))
        .send(card)
        .expect(201);
      cardId = created.body.id;
      expect(created.body).toEqual({
        id: expect.any(String),
        provider: 'stripe',
        brand: 'visa',
        last4: '4242',
        expMonth: 8,
        expYear: 2029,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(created.body)).not.toContain(card.providerToken);
      const rows: Record<string, unknown>[] = await ctx.dataSource.query(
        'SELECT * FROM billing_stored_cards WHERE id = ?',
        [cardId],
      );
      expect(rows).toHaveLength(1);
      const raw = JSON.stringify(rows[0]);
      for (const secret of [card.providerToken, 'pm_1Q2w3E', '4242', 'visa', '2029']) {
        expect(raw).not.toContain(secret);
      }
      expect(String(rows[0].keyId)).toMatch(/^[0-9a-f]{8}$/);
      expect(String(rows[0].sealed)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const list = await http().get('/api/v1/billing/cards').set(as(orgA)).expect(200);
      expect(list.body).toEqual([
        expect.objectContaining({ id: cardId, last4: '4242', brand: 'visa' }),
      ]);
    });

    it('a sealed value moved to another row does not open', async () => {
      const other = await http()
        .post('/api/v1/billing/cards')
        .set(as(orgA))
        .send({ ...card, last4: '1881' })
        .expect(201);
      const [{ sealed }] = await ctx.dataSource.query(
        'SELECT sealed FROM billing_stored_cards WHERE id = ?',
        [cardId],
      );
      await ctx.dataSource.query('UPDATE billing_stored_cards SET sealed = ? WHERE id = ?', [
        sealed,
        other.body.id,
      ]);
      const res = await http().get('/api/v1/billing/cards').set(as(orgA));
      expect(res.status).toBe(500);
      await http().delete(`/api/v1/billing/cards/${other.body.id}`).set(as(orgA)).expect(204);
    });

    it("hides another organization's cards (404)", async () => {
      expect((await http().get('/api/v1/billing/cards').set(as(orgB)).expect(200)).body).toEqual(
        [],
      );
      await http().delete(`/api/v1/billing/cards/${cardId}`).set(as(orgB)).expect(404);
      await http().delete(`/api/v1/billing/cards/${randomUUID()}`).set(as(orgA)).expect(404);
    });

    it.each([
      ['last4 of five digits', { last4: '42424' }],
      ['a month 13', { expMonth: 13 }],
      ['a full number field', { number: '4000 0566 5566 5556'.replace(/ /g, 'x') }],
      ['a huge token', { providerToken: 't'.repeat(5_000) }],
    ])('answers 400 for %s', async (_, change) => {
      await http()
        .post('/api/v1/billing/cards')
        .set(as(orgA))
        .send({ ...card, ...change })
        .expect(400);
    });
  });

  describe('the PAN guard', () => {
    it.each([
      [
        'the card token',
        '/api/v1/billing/cards',
        { ...card, providerToken: '4111 1111 1111 1111' },
      ],
      ['a team name', '/api/v1/teams', { name: '4111-1111-1111-1111' }],
      [
        'an unknown nested field',
        '/api/v1/teams',
        { name: 'x', meta: { notes: ['pay with 5555555555554444'] } },
      ],
      [
        'a number',
        '/api/v1/billing/contacts',
        { name: 'x', email: 'x@y.example', pan: 4111111111111111 },
      ],
      [
        'a payment reference',
        `/api/v1/billing/invoices/${randomUUID()}/payments`,
        { amountMinor: 1, method: 'manual', reference: '378282246310005' },
      ],
    ])('refuses a card number in %s with 400, not echoing it', async (_, path, body) => {
      const res = await http().post(path).set(as(orgA)).send(body).expect(400);
      expect(res.body.type).toMatch(/card-number-refused$/);
      // The correlation id is a random UUID, which may hold "4111" by chance: it is not an echo.
      const { correlationId, ...echoed } = res.body as Record<string, unknown>;
      expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(echoed)).not.toMatch(/4111|5555|3782/);
    });

    it('lets digits through that are not card numbers', async () => {
      await http()
        .post('/api/v1/teams')
        .set(as(orgA))
        .send({ name: 'Team 4111111111111112' })
        .expect(201);
      await http()
        .post('/api/v1/teams')
        .set(as(orgA))
        .send({ name: `Ops ${randomUUID()}` })
        .expect(201);
      await http()
        .post('/api/v1/teams')
        .set(as(orgA))
        .send({ name: 'Call +1 555 0100 1234' })
        .expect(201);
    });

    it('leaves agent events to ingestion, which cuts card numbers out instead of refusing the batch', async () => {
      const device = await seedDevice(ctx.dataSource);
      const start = new Date(Date.now() - 3_600_000);
      const events = Array.from({ length: 200 }, (_, i) => ({
        id: randomUUID(),
        kind: 'active',
        start: new Date(start.getTime() + i * 10_000).toISOString(),
        end: new Date(start.getTime() + i * 10_000 + 5_000).toISOString(),
        app: 'Code',
        title: i === 0 ? 'Checkout 4111 1111 1111 1111' : `Ticket ${randomUUID()}`,
      }));
      const res = await http()
        .post('/api/v1/agent/events')
        .set('Authorization', `Bearer ${device.deviceToken}`)
        .send({ events })
        .expect(200);
      expect(res.body.accepted).toBe(200);
      const titles: { title: string }[] = await ctx.dataSource.query(
        'SELECT title FROM activity_spans WHERE deviceId = ? AND title LIKE ?',
        [device.deviceId, 'Checkout%'],
      );
      expect(titles.map((t) => t.title)).toEqual(['Checkout [card number removed]']);
    });
  });

  describe('billing contacts', () => {
    it('creates, lists, updates and deletes; 409 on a duplicate; 404 across organizations', async () => {
      const created = await http()
        .post('/api/v1/billing/contacts')
        .set(as(orgA))
        .send({ name: 'Finance', email: 'Finance@A.example' })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Finance',
        email: 'finance@a.example',
        locale: null,
      });
      await http()
        .post('/api/v1/billing/contacts')
        .set(as(orgA))
        .send({ name: 'Again', email: 'finance@a.example' })
        .expect(409);
      const id = created.body.id as string;
      const updated = await http()
        .put(`/api/v1/billing/contacts/${id}`)
        .set(as(orgA))
        .send({ name: 'Finance team', email: 'finance@a.example', locale: 'uk' })
        .expect(200);
      expect(updated.body).toMatchObject({ name: 'Finance team', locale: 'uk' });
      expect(
        (await http().get('/api/v1/billing/contacts').set(as(orgA)).expect(200)).body,
      ).toHaveLength(1);
      expect((await http().get('/api/v1/billing/contacts').set(as(orgB)).expect(200)).body).toEqual(
        [],
      );
      await http()
        .put(`/api/v1/billing/contacts/${id}`)
        .set(as(orgB))
        .send({ name: 'x', email: 'x@b.example' })
        .expect(404);
      await http().delete(`/api/v1/billing/contacts/${id}`).set(as(orgB)).expect(404);
      for (const body of [
        { name: 'x', email: 'not-an-email' },
        { name: '', email: 'a@b.example' },
        { name: 'x', email: 'a@b.example', locale: 'de' },
        { name: 'x'.repeat(201), email: 'a@b.example' },
      ]) {
        await http().post('/api/v1/billing/contacts').set(as(orgA)).send(body).expect(400);
      }
      await http().delete(`/api/v1/billing/contacts/${id}`).set(as(orgA)).expect(204);
      await http().delete(`/api/v1/billing/contacts/${id}`).set(as(orgA)).expect(404);
    });
  });
});
