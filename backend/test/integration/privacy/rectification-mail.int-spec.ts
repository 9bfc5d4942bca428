import { PrivacyRequestEntity } from '#src/modules/privacy/entities/privacy-request.entity.js';
import { PrivacyRequestProcessor } from '#src/modules/privacy/jobs/privacy-request.processor.js';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
  type TestUser,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { startSmtpListener, type ReceivedMail } from '../notifications/smtp-listener.js';
import { http } from './privacy-fixtures.js';
import { DAY_MS } from '#src/common/time.js';

/** Rectification requests are answered by hand, so their mails are all HR gets: they must go out. */
describe('rectification requests: mails on filing, before due and at the end', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let hr: TestUser;
  let manager: TestUser;
  let employee: TestEmployee;
  let employeeUser: TestUser;
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  const mailsTo = (email: string, subject: RegExp): ReceivedMail[] =>
    smtp.mails.filter((m) => m.to.includes(email) && subject.test(m.parsed.subject ?? ''));

  beforeAll(async () => {
    smtp = await startSmtpListener();
    ctx = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://ctx.example' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
    hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager');
    employee = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Rita Rectify' });
    employeeUser = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: employee.id,
    });
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
    await smtp.close();
  });

  it('self-service filing mails the privacy contacts what to correct; reminders at 7 and 1 days; completion mails the filer', async () => {
    const note = 'My team is <b>Support</b>, not Sales';
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(employeeUser.accessToken))
      .send({ type: 'rectification', employeeId: employee.id, note });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;

    const received = /^Rectification request received for Rita Rectify$/;
    const [toOwner] = await eventually(() => {
      const found = mailsTo(owner.user.email, received);
      return found.length > 0 && found;
    });
    await eventually(() => mailsTo(hr.user.email, received).length === 1);
    expect(toOwner.parsed.text).toContain('A request to correct personal data of Rita Rectify');
    expect(toOwner.parsed.text).toContain(`What should be corrected: ${note}`);
    expect(toOwner.parsed.text).toContain(`https://ctx.example/privacy/requests/${id}`);
    // The note is the employee's text: escaped in the HTML part, never markup.
    expect(toOwner.parsed.html).toContain('My team is &lt;b&gt;Support&lt;/b&gt;');
    // Only the privacy contacts (owner, admin, HR) hear of it; a manager does not.
    expect(mailsTo(manager.user.email, received)).toHaveLength(0);

    const processor = ctx.app.get(PrivacyRequestProcessor);
    await ctx.dataSource
      .getRepository(PrivacyRequestEntity)
      .update(id, { dueAt: new Date(Date.now() + 6 * DAY_MS) });
    expect(await processor.sendReminders(new Date())).toBeGreaterThanOrEqual(2);
    expect(await processor.sendReminders(new Date())).toBe(0);
    expect(await processor.sendReminders(new Date(Date.now() + 5.5 * DAY_MS))).toBeGreaterThan(0);
    const dueSoon = /^Privacy request for Rita Rectify is due in \d+ days$/;
    const reminders = await eventually(() => {
      const found = mailsTo(hr.user.email, dueSoon);
      return found.length === 2 && found;
    });
    expect(reminders.map((m) => m.parsed.subject).sort()).toEqual([
      'Privacy request for Rita Rectify is due in 1 days',
      'Privacy request for Rita Rectify is due in 6 days',
    ]);
    expect(reminders[0].parsed.text).toContain('The rectification request for Rita Rectify');

    const done = await http(ctx.app)
      .post(`/api/v1/privacy/requests/${id}/complete`)
      .set(auth(hr.accessToken));
    expect(done.status).toBe(200);
    const complete = /^Your privacy request is complete$/;
    const [toFiler] = await eventually(() => {
      const found = mailsTo(employeeUser.user.email, complete);
      return found.length > 0 && found;
    });
    expect(toFiler.parsed.text).toContain(
      'The rectification request for Rita Rectify is complete.',
    );
    await eventually(() => mailsTo(owner.user.email, complete).length === 1);
  });

  it('a rejected rectification tells the filer why, in their language', async () => {
    await ctx.dataSource.query('UPDATE users SET locale = ? WHERE id = ?', [
      'uk',
      employeeUser.user.id,
    ]);
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(employeeUser.accessToken))
      .send({ type: 'rectification', employeeId: employee.id, note: 'Delete my lunch breaks' });
    expect(filed.status).toBe(201);
    const rejected = await http(ctx.app)
      .post(`/api/v1/privacy/requests/${filed.body.id}/reject`)
      .set(auth(hr.accessToken))
      .send({ reason: 'Breaks are recorded correctly.' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    const [mail] = await eventually(() => {
      const found = mailsTo(employeeUser.user.email, /відмовлено|неможливо/i);
      return found.length > 0 && found;
    });
    expect(mail.parsed.text).toContain('на виправлення даних');
    expect(mail.parsed.text).toContain('Breaks are recorded correctly.');
  });
});
