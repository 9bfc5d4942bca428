import request from 'supertest';
import { BillingProcessors } from '#src/modules/billing/billing.processors.js';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { seedDevice } from '../agent/agent-fixtures.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { startSmtpListener } from '../notifications/smtp-listener.js';
import { TEST_LICENSE_PUBLIC_KEY, testLicense } from './billing-fixtures.js';

describe('invoice mail over a real SMTP listener', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    ctx = await startTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://ctx.example',
      LICENSE_PUBLIC_KEY: TEST_LICENSE_PUBLIC_KEY,
    });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
  });

  afterAll(async () => {
    await jobs.close();
    await ctx.close();
    await smtp.close();
  });

  it('the monthly run mails the invoice, in the contact language, with the PDF attached', async () => {
    const http = () => request(ctx.app.getHttpServer());
    const auth = { Authorization: `Bearer ${owner.accessToken}` };
    await http()
      .post('/api/v1/billing/license')
      .set(auth)
      .send({ license: testLicense(owner.organization.id, { plan: 'business', seats: 10 }) })
      .expect(201);
    await http()
      .put('/api/v1/billing/settings')
      .set(auth)
      .send({ taxRateBasisPoints: 2000 })
      .expect(204);
    await http()
      .post('/api/v1/billing/contacts')
      .set(auth)
      .send({ name: 'Бухгалтерія', email: 'buh@acme.example', locale: 'uk' })
      .expect(201);
    for (let i = 0; i < 4; i += 1)
      await seedDevice(ctx.dataSource, { organizationId: owner.organization.id });
    const job = ctx.app.get(BillingProcessors);
    await job.meterSeatsAt(new Date('2026-10-20T08:00:00Z'));
    await job.issueInvoicesAt(new Date('2026-11-01T01:00:00Z'));

    const [mail] = await eventually(() => {
      const found = smtp.mails.filter((m) => m.to.includes('buh@acme.example'));
      return found.length > 0 && found;
    });
    expect(mail.parsed.subject).toBe('Рахунок 1 від CallTimeX');
    // 4 seats x 7.00 = 28.00; 20 % = 5.60; total 33.60, written the Ukrainian way.
    expect(mail.parsed.text).toContain('33,60 EUR');
    expect(mail.parsed.text).toContain('https://ctx.example/api/v1/billing/invoices/');
    expect(mail.parsed.attachments).toHaveLength(1);
    const [pdf] = mail.parsed.attachments;
    expect(pdf).toMatchObject({ filename: 'invoice-1.pdf', contentType: 'application/pdf' });
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
