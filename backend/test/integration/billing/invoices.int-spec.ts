import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { MailMessageEntity } from '#src/modules/notifications/entities/mail-message.entity.js';
import { BillingProcessors } from '#src/modules/billing/billing.processors.js';
import { InvoicesService } from '#src/modules/billing/invoices/invoices.service.js';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { seedDevice } from '../agent/agent-fixtures.js';
import { TEST_LICENSE_PUBLIC_KEY, testLicense } from './billing-fixtures.js';

describe('invoices, payments and billing contacts', () => {
  let ctx: TestContext;
  let orgA: SignedUp;
  let orgB: SignedUp;
  const http = () => request(ctx.app.getHttpServer());
  const as = (owner: SignedUp) => ({ Authorization: `Bearer ${owner.accessToken}` });

  async function licensed(owner: SignedUp, plan: 'team' | 'business' = 'team', seats = 50) {
    await http()
      .post('/api/v1/billing/license')
      .set(as(owner))
      .send({ license: testLicense(owner.organization.id, { plan, seats }) })
      .expect(201);
  }

  /** Seeds devices until the organization uses `seats`, then meters the day. */
  async function useSeatsOn(owner: SignedUp, seats: number, day: string) {
    const [{ n }] = await ctx.dataSource.query(
      'SELECT COUNT(*) AS n FROM devices WHERE organizationId = ?',
      [owner.organization.id],
    );
    for (let i = Number(n); i < seats; i += 1) {
      await seedDevice(ctx.dataSource, { organizationId: owner.organization.id });
    }
    await ctx.app.get(BillingProcessors).meterSeatsAt(new Date(`${day}T12:00:00Z`));
  }

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true', LICENSE_PUBLIC_KEY: TEST_LICENSE_PUBLIC_KEY });
    orgA = await signUp(ctx.app);
    orgB = await signUp(ctx.app);
    await licensed(orgA, 'team');
    await licensed(orgB, 'business');
    await http()
      .put('/api/v1/billing/settings')
      .set(as(orgA))
      .send({ taxRateBasisPoints: 1900 })
      .expect(204);
    await http()
      .put('/api/v1/billing/settings')
      .set(as(orgB))
      .send({ taxRateBasisPoints: 2000 })
      .expect(204);
    // A month of usage: A peaks at 7 seats mid-month, B holds 3.
    await useSeatsOn(orgA, 3, '2026-10-01');
    await useSeatsOn(orgA, 7, '2026-10-15');
    await useSeatsOn(orgB, 3, '2026-10-02');
    await useSeatsOn(orgB, 3, '2026-10-30');
  });

  afterAll(() => ctx.close());

  it('records daily seats and bills the high-water mark', async () => {
    const usage = await http()
      .get('/api/v1/billing/seat-usage?period=2026-10')
      .set(as(orgA))
      .expect(200);
    // The job meters every organization at once, so B's metering days are in A's list too.
    expect(usage.body).toMatchObject({ period: '2026-10', billableSeats: 7 });
    expect(usage.body.days).toEqual(
      expect.arrayContaining([
        { day: '2026-10-01', seats: 3 },
        { day: '2026-10-15', seats: 7 },
      ]),
    );
    await http().get('/api/v1/billing/seat-usage?period=2026-13').set(as(orgA)).expect(400);
  });

  let invoiceA: { id: string; number: number; totalMinor: number };

  it('issues one invoice per organization and period, with exact amounts, mailed to billing contacts', async () => {
    await http()
      .post('/api/v1/billing/contacts')
      .set(as(orgA))
      .send({ name: 'Accounts Payable', email: 'ap@a.example', locale: 'ru' })
      .expect(201);
    const issued = await http()
      .post('/api/v1/billing/invoices')
      .set(as(orgA))
      .send({ period: '2026-10' })
      .expect(200);
    expect(issued.body.created).toBe(true);
    // 7 seats x 4.00 EUR = 28.00; 19 % tax = 5.32; total 33.32
    expect(issued.body.invoice).toMatchObject({
      number: 1,
      kind: 'invoice',
      period: '2026-10',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      plan: 'team',
      seats: 7,
      unitPriceMinor: 400,
      currency: 'EUR',
      netMinor: 2800,
      taxRateBasisPoints: 1900,
      taxMinor: 532,
      totalMinor: 3332,
      paidMinor: 0,
      status: 'open',
    });
    invoiceA = issued.body.invoice;
    const again = await http()
      .post('/api/v1/billing/invoices')
      .set(as(orgA))
      .send({ period: '2026-10' })
      .expect(200);
    expect(again.body).toMatchObject({ created: false, invoice: { id: invoiceA.id, number: 1 } });

    const b = await http()
      .post('/api/v1/billing/invoices')
      .set(as(orgB))
      .send({ period: '2026-10' })
      .expect(200);
    // 3 seats x 7.00 = 21.00; 20 % = 4.20; total 25.20; B's numbering starts at 1 too.
    expect(b.body.invoice).toMatchObject({
      number: 1,
      seats: 3,
      netMinor: 2100,
      taxMinor: 420,
      totalMinor: 2520,
    });

    const mails = await ctx.dataSource
      .getRepository(MailMessageEntity)
      .findBy({ template: 'invoice-issued' });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      organizationId: orgA.organization.id,
      toEmail: 'ap@a.example',
      locale: 'ru',
    });
    expect(mails[0].attachments?.[0]).toMatchObject({
      contentType: 'application/pdf',
      filename: 'invoice-1.pdf',
    });
    expect(existsSync(join(ctx.dataDir, 'files', mails[0].attachments![0].path))).toBe(true);
  });

  it('serves the invoice, the list and a PDF', async () => {
    const got = await http()
      .get(`/api/v1/billing/invoices/${invoiceA.id}`)
      .set(as(orgA))
      .expect(200);
    expect(got.body.totalMinor).toBe(3332);
    const list = await http().get('/api/v1/billing/invoices').set(as(orgA)).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: invoiceA.id }] });
    const pdf = await http()
      .get(`/api/v1/billing/invoices/${invoiceA.id}/pdf`)
      .set(as(orgA))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.subarray(-6).toString()).toContain('%%EOF');
  });

  it("answers 404 for another organization's invoice, PDF, payments and credit notes", async () => {
    const id = invoiceA.id;
    await http().get(`/api/v1/billing/invoices/${id}`).set(as(orgB)).expect(404);
    await http().get(`/api/v1/billing/invoices/${id}/pdf`).set(as(orgB)).expect(404);
    await http().get(`/api/v1/billing/invoices/${id}/payments`).set(as(orgB)).expect(404);
    await http()
      .post(`/api/v1/billing/invoices/${id}/payments`)
      .set(as(orgB))
      .send({ amountMinor: 1, method: 'manual' })
      .expect(404);
    await http()
      .post(`/api/v1/billing/invoices/${id}/credit-notes`)
      .set(as(orgB))
      .send({ reason: 'x' })
      .expect(404);
    await http().get('/api/v1/billing/invoices/not-a-uuid').set(as(orgA)).expect(400);
  });

  it('refuses a period that has not ended and malformed periods', async () => {
    const res = await http()
      .post('/api/v1/billing/invoices')
      .set(as(orgA))
      .send({ period: '2099-01' })
      .expect(400);
    expect(res.body.type).toMatch(/period-not-ended$/);
    for (const period of ['2026-1', '2026-00', 202610, '']) {
      await http().post('/api/v1/billing/invoices').set(as(orgA)).send({ period }).expect(400);
    }
    await http()
      .post('/api/v1/billing/invoices')
      .set(as(orgA))
      .send({ period: '2026-10', force: true })
      .expect(400);
  });

  it('records payments up to the total, then the invoice is paid', async () => {
    const path = `/api/v1/billing/invoices/${invoiceA.id}/payments`;
    await http()
      .post(path)
      .set(as(orgA))
      .send({ amountMinor: 2000, method: 'bank-transfer', reference: 'SEPA 1' })
      .expect(201);
    const over = await http()
      .post(path)
      .set(as(orgA))
      .send({ amountMinor: 2000, method: 'manual' })
      .expect(409);
    expect(over.body.type).toMatch(/overpayment$/);
    await http()
      .post(path)
      .set(as(orgA))
      .send({ amountMinor: 1332, method: 'manual', receivedAt: '2026-11-03T10:00:00+02:00' })
      .expect(201);
    const got = await http()
      .get(`/api/v1/billing/invoices/${invoiceA.id}`)
      .set(as(orgA))
      .expect(200);
    expect(got.body).toMatchObject({ paidMinor: 3332, status: 'paid' });
    const payments = await http().get(path).set(as(orgA)).expect(200);
    expect(payments.body.map((p: { amountMinor: number }) => p.amountMinor)).toEqual([1332, 2000]); // by receivedAt
    for (const body of [
      { amountMinor: 0, method: 'manual' },
      { amountMinor: 1.5, method: 'manual' },
      { amountMinor: 10, method: 'card' },
      { amountMinor: 10, method: 'manual', receivedAt: 'yesterday' },
    ]) {
      await http().post(path).set(as(orgA)).send(body).expect(400);
    }
  });

  it('corrects by credit note only: next number, negative amounts, once per invoice', async () => {
    const b = await http().get('/api/v1/billing/invoices').set(as(orgB)).expect(200);
    const target = b.body.items[0].id as string;
    const note = await http()
      .post(`/api/v1/billing/invoices/${target}/credit-notes`)
      .set(as(orgB))
      .send({ reason: 'Seats counted twice' })
      .expect(201);
    expect(note.body).toMatchObject({
      kind: 'credit-note',
      number: 2,
      totalMinor: -2520,
      creditsInvoiceId: target,
      period: null,
    });
    await http()
      .post(`/api/v1/billing/invoices/${target}/credit-notes`)
      .set(as(orgB))
      .send({ reason: 'again' })
      .expect(409);
    const original = await http()
      .get(`/api/v1/billing/invoices/${target}`)
      .set(as(orgB))
      .expect(200);
    expect(original.body.status).toBe('credited');
    await http()
      .post(`/api/v1/billing/invoices/${target}/payments`)
      .set(as(orgB))
      .send({ amountMinor: 100, method: 'manual' })
      .expect(409);
  });

  it('numbers invoices without gaps or duplicates when issuers race', async () => {
    const owner = await signUp(ctx.app);
    await licensed(owner);
    const periods = [
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
    ];
    for (const [i, period] of periods.entries()) await useSeatsOn(owner, i + 1, `${period}-10`);
    const service = ctx.app.get(InvoicesService);
    const now = new Date('2026-11-24T00:00:00Z');
    // Every period issued by three racing issuers at once, plus credit notes racing them.
    const results = await Promise.all(
      periods.flatMap((period) =>
        [0, 1, 2].map(() => service.issueForPeriod(owner.organization.id, period, now)),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(periods.length);
    const rows: { number: number; periodKey: string | null; seats: number }[] =
      await ctx.dataSource.query(
        'SELECT number, periodKey, seats FROM billing_invoices WHERE organizationId = ? ORDER BY number',
        [owner.organization.id],
      );
    expect(rows.map((r) => Number(r.number))).toEqual(periods.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.periodKey)).size).toBe(periods.length);
    // Each racer got the one invoice of its period.
    for (const period of periods) {
      const ids = new Set(
        results.filter((r) => r.invoice?.periodKey === period).map((r) => r.invoice?.id),
      );
      expect(ids.size).toBe(1);
    }
    const firstIds =
      rows.length > 0 ? results.filter((r) => r.created).map((r) => r.invoice!.id) : [];
    await Promise.all(
      firstIds.slice(0, 4).map((id) => service.creditNote(owner.organization.id, id, 'race')),
    );
    const after: { number: number }[] = await ctx.dataSource.query(
      'SELECT number FROM billing_invoices WHERE organizationId = ? ORDER BY number',
      [owner.organization.id],
    );
    expect(after.map((r) => Number(r.number))).toEqual(
      Array.from({ length: periods.length + 4 }, (_, i) => i + 1),
    );
  });

  it('the monthly job issues the previous month once for every licensed organization', async () => {
    const owner = await signUp(ctx.app);
    await licensed(owner);
    await useSeatsOn(owner, 2, '2026-09-20');
    const job = ctx.app.get(BillingProcessors);
    await job.issueInvoicesAt(new Date('2026-10-01T03:00:00Z'));
    await job.issueInvoicesAt(new Date('2026-10-01T06:00:00Z'));
    const rows: { number: number; periodKey: string }[] = await ctx.dataSource.query(
      'SELECT number, periodKey FROM billing_invoices WHERE organizationId = ?',
      [owner.organization.id],
    );
    expect(rows.map((r) => [Number(r.number), r.periodKey])).toEqual([[1, '2026-09']]);
  });
});
