import { randomUUID } from 'node:crypto';
import { RetentionService } from '#src/modules/privacy/retention/retention.service.js';
import { createUserWithRole, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { drainJobs, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { http, iso, seedPerson, type Person } from './privacy-fixtures.js';
import { DAY_MS } from '#src/common/time.js';

describe('monitoring notice, policy versions, retention', () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let other: SignedUp;
  let erin: Person;
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  const event = () => {
    const start = Date.now() - 60 * 60 * 1000;
    return {
      id: randomUUID(),
      kind: 'active',
      start: iso(start),
      end: iso(start + 60_000),
      app: 'Excel',
    };
  };

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
    other = await signUp(ctx.app);
    erin = await seedPerson(ctx, owner.accessToken, 'Erin');
  });
  afterAll(async () => {
    await drainJobs(ctx).catch(() => undefined);
    await jobs.close();
    await ctx.close();
  });

  describe('notice', () => {
    it('nothing published: the agent gets 404 and events are accepted', async () => {
      expect(
        (await http(ctx.app).get('/api/v1/agent/notice').set(auth(erin.deviceToken))).status,
      ).toBe(404);
      const list = await http(ctx.app).get('/api/v1/privacy/notices').set(auth(owner.accessToken));
      expect(list.body).toMatchObject({ items: [], needsPublishing: true });
      const res = await http(ctx.app)
        .post('/api/v1/agent/events')
        .set(auth(erin.deviceToken))
        .send({ events: [event()] });
      expect(res.status).toBe(200);
    });

    it('published: events 403 notice-not-acknowledged until acknowledged, then accepted', async () => {
      const draft = await http(ctx.app)
        .post('/api/v1/privacy/notices')
        .set(auth(owner.accessToken))
        .send({
          texts: {
            en: 'We record active time, apps, titles and sites.',
            uk: 'Ми записуємо активний час.',
          },
        });
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({ version: 1, status: 'draft' });
      // A draft does not gate anything.
      expect(
        (
          await http(ctx.app)
            .post('/api/v1/agent/events')
            .set(auth(erin.deviceToken))
            .send({ events: [event()] })
        ).status,
      ).toBe(200);
      const published = await http(ctx.app)
        .post(`/api/v1/privacy/notices/${draft.body.id}/publish`)
        .set(auth(owner.accessToken));
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');

      const refused = await http(ctx.app)
        .post('/api/v1/agent/events')
        .set(auth(erin.deviceToken))
        .send({ events: [event()] });
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.type).toMatch(/\/notice-not-acknowledged$/);

      const missing = await http(ctx.app)
        .get('/api/v1/privacy/notices/current/missing-acknowledgements')
        .set(auth(owner.accessToken));
      expect(missing.body.version).toBe(1);
      expect((missing.body.items as { employeeId: string }[]).map((i) => i.employeeId)).toContain(
        erin.employee.id,
      );

      const notice = await http(ctx.app)
        .get('/api/v1/agent/notice?language=uk')
        .set(auth(erin.deviceToken));
      expect(notice.status).toBe(200);
      expect(notice.body).toMatchObject({
        version: 1,
        language: 'uk',
        text: 'Ми записуємо активний час.',
        acknowledged: false,
      });
      const fallback = await http(ctx.app)
        .get('/api/v1/agent/notice?language=ru')
        .set(auth(erin.deviceToken));
      expect(fallback.body.language).toBe('en');

      const wrong = await http(ctx.app)
        .post('/api/v1/agent/notice/acknowledgements')
        .set(auth(erin.deviceToken))
        .send({ version: 7 });
      expect(wrong.status).toBe(409);
      const ack = await http(ctx.app)
        .post('/api/v1/agent/notice/acknowledgements')
        .set(auth(erin.deviceToken))
        .send({ version: 1, language: 'uk' });
      expect(ack.status).toBe(201);
      expect(ack.body).toMatchObject({ version: 1, employeeId: erin.employee.id });
      const accepted = await http(ctx.app)
        .post('/api/v1/agent/events')
        .set(auth(erin.deviceToken))
        .send({ events: [event()] });
      expect(accepted.status).toBe(200);
      expect(accepted.body.accepted).toBe(1);
      const after = await http(ctx.app)
        .get('/api/v1/privacy/notices/current/missing-acknowledgements')
        .set(auth(owner.accessToken));
      expect((after.body.items as { employeeId: string }[]).map((i) => i.employeeId)).not.toContain(
        erin.employee.id,
      );

      // A new version needs a new acknowledgement.
      const v2 = await http(ctx.app)
        .post('/api/v1/privacy/notices')
        .set(auth(owner.accessToken))
        .send({ texts: { en: 'v2' } });
      await http(ctx.app)
        .post(`/api/v1/privacy/notices/${v2.body.id}/publish`)
        .set(auth(owner.accessToken));
      expect(
        (
          await http(ctx.app)
            .post('/api/v1/agent/events')
            .set(auth(erin.deviceToken))
            .send({ events: [event()] })
        ).status,
      ).toBe(403);
      await http(ctx.app)
        .post('/api/v1/agent/notice/acknowledgements')
        .set(auth(erin.deviceToken))
        .send({ version: 2 });
      expect(
        (
          await http(ctx.app)
            .post('/api/v1/agent/events')
            .set(auth(erin.deviceToken))
            .send({ events: [event()] })
        ).status,
      ).toBe(200);
    });

    it('refuses bad input, other organizations and non-admins', async () => {
      for (const body of [
        {},
        { texts: {} },
        { texts: { en: '' } },
        { texts: { de: 'x' } },
        { texts: { en: 'x'.repeat(20_001) } },
        { texts: { en: 'x' }, v: 1 },
      ]) {
        const res = await http(ctx.app)
          .post('/api/v1/privacy/notices')
          .set(auth(owner.accessToken))
          .send(body);
        expect(res.status).toBe(400);
      }
      const list = await http(ctx.app).get('/api/v1/privacy/notices').set(auth(owner.accessToken));
      const id = (list.body.items as { id: string }[])[0].id;
      expect(
        (
          await http(ctx.app)
            .post(`/api/v1/privacy/notices/${id}/publish`)
            .set(auth(other.accessToken))
        ).status,
      ).toBe(404);
      expect(
        (
          await http(ctx.app)
            .post('/api/v1/privacy/notices/abc/publish')
            .set(auth(owner.accessToken))
        ).status,
      ).toBe(400);
      const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
      expect(
        (
          await http(ctx.app)
            .post('/api/v1/privacy/notices')
            .set(auth(hr.accessToken))
            .send({ texts: { en: 'x' } })
        ).status,
      ).toBe(403);
      for (const body of [{ version: 'one' }, { version: 0 }, {}, { version: 1, extra: 1 }]) {
        const res = await http(ctx.app)
          .post('/api/v1/agent/notice/acknowledgements')
          .set(auth(erin.deviceToken))
          .send(body);
        expect(res.status).toBe(400);
      }
      expect((await http(ctx.app).get('/api/v1/agent/notice').set(auth('ctxd_bogus'))).status).toBe(
        401,
      );
    });
  });

  describe('policy versions', () => {
    const texts = {
      ru: 'Политика конфиденциальности, редакция 2.',
      en: 'Privacy policy, edition 2.',
    };

    it('effective 29 days out → 400; 30 days → 201 and a mail to every user', async () => {
      const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
      const tooSoon = await http(ctx.app)
        .post('/api/v1/privacy/policy/versions')
        .set(auth(owner.accessToken))
        .send({ texts, authoritativeLanguage: 'ru', effectiveAt: iso(Date.now() + 29 * DAY_MS) });
      expect(tooSoon.status).toBe(400);
      expect(tooSoon.body.detail).toContain('30 days');

      const ok = await http(ctx.app)
        .post('/api/v1/privacy/policy/versions')
        .set(auth(owner.accessToken))
        .send({
          texts,
          authoritativeLanguage: 'ru',
          effectiveAt: iso(Date.now() + 30 * DAY_MS),
          summary: 'Longer retention',
        });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ version: 1, authoritativeLanguage: 'ru', inEffect: false });
      expect(
        new Date(ok.body.effectiveAt).getTime() - new Date(ok.body.publishedAt).getTime(),
      ).toBeGreaterThanOrEqual(30 * DAY_MS);
      const mails = await ctx.dataSource.query<{ toEmail: string }[]>(
        "SELECT toEmail FROM mail_messages WHERE template = 'policy-change' AND organizationId = ?",
        [owner.organization.id],
      );
      const users = await ctx.dataSource.query<{ email: string }[]>(
        "SELECT email FROM users WHERE organizationId = ? AND status <> 'deactivated'",
        [owner.organization.id],
      );
      expect(users.length).toBeGreaterThanOrEqual(2);
      expect(mails.map((m) => m.toEmail).sort()).toEqual(users.map((u) => u.email).sort());
      expect(mails.map((m) => m.toEmail)).toContain(hr.user.email);
      // Not yet in force.
      expect(
        (await http(ctx.app).get('/api/v1/privacy/policy/current').set(auth(hr.accessToken)))
          .status,
      ).toBe(404);
    });

    it('the version in force is the latest whose date has come; acceptance is recorded per user', async () => {
      await ctx.dataSource.query(
        'UPDATE privacy_policy_versions SET effectiveAt = publishedAt WHERE organizationId = ?',
        [owner.organization.id],
      );
      const current = await http(ctx.app)
        .get('/api/v1/privacy/policy/current')
        .set(auth(owner.accessToken));
      expect(current.status).toBe(200);
      expect(current.body).toMatchObject({ version: 1, acceptedByMe: false, inEffect: true });
      const accepted = await http(ctx.app)
        .post('/api/v1/privacy/policy/acceptances')
        .set(auth(owner.accessToken))
        .send({ version: 1 });
      expect(accepted.status).toBe(201);
      const again = await http(ctx.app)
        .get('/api/v1/privacy/policy/current')
        .set(auth(owner.accessToken));
      expect(again.body.acceptedByMe).toBe(true);
      const later = await http(ctx.app)
        .post('/api/v1/privacy/policy/versions')
        .set(auth(owner.accessToken))
        .send({ texts, authoritativeLanguage: 'en', effectiveAt: iso(Date.now() + 45 * DAY_MS) });
      expect(later.status).toBe(201);
      const withUpcoming = await http(ctx.app)
        .get('/api/v1/privacy/policy/current')
        .set(auth(owner.accessToken));
      expect(withUpcoming.body).toMatchObject({ version: 1, upcoming: { version: 2 } });
      expect(
        (
          await http(ctx.app)
            .post('/api/v1/privacy/policy/acceptances')
            .set(auth(other.accessToken))
            .send({ version: 2 })
        ).status,
      ).toBe(404);
    });

    it('refuses bad input', async () => {
      const bodies = [
        { texts, authoritativeLanguage: 'de', effectiveAt: iso(Date.now() + 40 * DAY_MS) },
        { texts, authoritativeLanguage: 'ru', effectiveAt: 'next month' },
        {
          texts: { en: 'only english' },
          authoritativeLanguage: 'ru',
          effectiveAt: iso(Date.now() + 40 * DAY_MS),
        },
        { texts, authoritativeLanguage: 'ru' },
        {
          texts,
          authoritativeLanguage: 'ru',
          effectiveAt: iso(Date.now() + 40 * DAY_MS),
          extra: 1,
        },
      ];
      for (const body of bodies) {
        const res = await http(ctx.app)
          .post('/api/v1/privacy/policy/versions')
          .set(auth(owner.accessToken))
          .send(body);
        expect(res.status).toBe(400);
      }
    });
  });

  describe('retention', () => {
    it('reads defaults, changes them, validates, and the purge applies them', async () => {
      const get = await http(ctx.app).get('/api/v1/privacy/retention').set(auth(owner.accessToken));
      expect(get.body).toMatchObject({ rawActivityDays: 365, defaults: true });
      for (const body of [
        { rawActivityDays: 0 },
        { auditDays: 'x' },
        { rawActivityDays: 1.5 },
        { foo: 1 },
        { exportFileDays: 100_000 },
      ]) {
        expect(
          (
            await http(ctx.app)
              .patch('/api/v1/privacy/retention')
              .set(auth(owner.accessToken))
              .send(body)
          ).status,
        ).toBe(400);
      }
      const patched = await http(ctx.app)
        .patch('/api/v1/privacy/retention')
        .set(auth(owner.accessToken))
        .send({ rawActivityDays: 1, dailyTotalsDays: 1 });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        rawActivityDays: 1,
        dailyTotalsDays: 1,
        auditDays: 730,
      });
      const spansBefore = await ctx.dataSource.query<{ n: number }[]>(
        'SELECT COUNT(*) AS n FROM activity_spans WHERE employeeId = ?',
        [erin.employee.id],
      );
      expect(Number(spansBefore[0].n)).toBeGreaterThan(3);
      const report = await ctx.app.get(RetentionService).purge(owner.organization.id, new Date());
      expect(report.spans).toBe(3);
      const spansAfter = await ctx.dataSource.query<{ n: number }[]>(
        'SELECT COUNT(*) AS n FROM activity_spans WHERE employeeId = ?',
        [erin.employee.id],
      );
      expect(Number(spansAfter[0].n)).toBe(Number(spansBefore[0].n) - 3);
    });

    it('closing the organization purges it after the grace period', async () => {
      const third = await signUp(ctx.app);
      const closed = await http(ctx.app)
        .post('/api/v1/privacy/organization-closure')
        .set(auth(third.accessToken));
      expect(closed.status).toBe(201);
      expect(
        new Date(closed.body.purgeAt).getTime() - new Date(closed.body.closedAt).getTime(),
      ).toBe(30 * DAY_MS);
      const retention = ctx.app.get(RetentionService);
      expect(await retention.purgeClosed(new Date())).toEqual([]);
      expect(await retention.purgeClosed(new Date(Date.now() + 31 * DAY_MS))).toEqual([
        third.organization.id,
      ]);
      const left = await ctx.dataSource.query<unknown[]>(
        'SELECT id FROM organizations WHERE id = ?',
        [third.organization.id],
      );
      expect(left).toEqual([]);
      const users = await ctx.dataSource.query<unknown[]>(
        'SELECT id FROM users WHERE organizationId = ?',
        [third.organization.id],
      );
      expect(users).toEqual([]);
      expect(
        (await http(ctx.app).get('/api/v1/organizations/current').set(auth(owner.accessToken)))
          .status,
      ).toBe(200);
    });
  });
});
