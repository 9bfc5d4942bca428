import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestTeam,
} from '#test/factories/accounts.factory.js';
import { ProductivityRulesRepository } from '#src/modules/activity/rules/productivity-rules.repository.js';
import { ProductivityRulesService } from '#src/modules/activity/rules/productivity-rules.service.js';
import { RuleBook } from '#src/modules/activity/rules/rule-matcher.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { enrollDevice, sendEvents } from '../reports/report-fixtures.js';

describe(`productivity rules on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let team: TestTeam;
  const api = () => request(ctx.app.getHttpServer());
  const auth = (token = owner.accessToken) => ({ Authorization: `Bearer ${token}` });
  const create = (body: unknown, token = owner.accessToken) =>
    api()
      .post('/api/v1/productivity-rules')
      .set(auth(token))
      .send(body as object);

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app);
    team = await createTeam(ctx.app, owner.accessToken);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('pairs the rule book with its own revision when a change lands between the two reads', async () => {
    const org = await signUp(ctx.app);
    const service = ctx.app.get(ProductivityRulesService);
    const repository = ctx.app.get(ProductivityRulesRepository);
    await service.ensureSeeded(org.organization.id);
    const [victim] = await repository.list(org.organization.id);
    const list = repository.list.bind(repository);
    const spy = jest
      .spyOn(repository, 'list')
      .mockImplementationOnce(async (organizationId: string) => {
        // Another request deletes a rule right after this one read the revision.
        await repository.delete(organizationId, victim.id);
        return list(organizationId);
      });
    try {
      const { revision, book } = await service.ruleBook(org.organization.id);
      const kept = await repository.rulesAt(org.organization.id, revision);
      expect(kept).not.toBeNull();
      // The book classifies as the rules of the revision it is stamped with, the deleted one gone.
      expect(kept!.some((r) => r.normalized === victim.normalized && r.kind === victim.kind)).toBe(
        false,
      );
      const key = { kind: victim.kind, normalized: victim.normalized };
      expect(book.classify(key, null)).toBe(new RuleBook(kept!).classify(key, null));
      expect(book.classify(key, null)).toBe('neutral');
      expect(revision).toBe(await repository.revision(org.organization.id));
    } finally {
      spy.mockRestore();
    }
  });

  it('seeds an editable default set once per organization', async () => {
    const res = await api().get('/api/v1/productivity-rules').set(auth()).expect(200);
    const items = res.body.items as {
      kind: string;
      pattern: string;
      productivity: string;
      teamId: string | null;
    }[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'site',
          pattern: 'github.com',
          productivity: 'productive',
          teamId: null,
        }),
        expect.objectContaining({
          kind: 'site',
          pattern: 'youtube.com',
          productivity: 'unproductive',
        }),
        expect.objectContaining({
          kind: 'app',
          pattern: 'Visual Studio Code',
          productivity: 'productive',
        }),
      ]),
    );
    const again = await api().get('/api/v1/productivity-rules').set(auth()).expect(200);
    expect(again.body.items).toHaveLength(items.length);
    const sites = await api().get('/api/v1/productivity-rules?kind=site').set(auth()).expect(200);
    expect(sites.body.items.every((r: { kind: string }) => r.kind === 'site')).toBe(true);
  });

  it('creates, reads, updates and deletes rules, organization and team', async () => {
    const created = await create({
      kind: 'site',
      pattern: 'https://Intranet.Corp.test:8443/wiki',
      productivity: 'productive',
    }).expect(201);
    expect(created.body).toMatchObject({
      kind: 'site',
      pattern: 'intranet.corp.test',
      productivity: 'productive',
      teamId: null,
    });
    const id = created.body.id as string;
    await api().get(`/api/v1/productivity-rules/${id}`).set(auth()).expect(200);
    const patched = await api()
      .patch(`/api/v1/productivity-rules/${id}`)
      .set(auth())
      .send({ productivity: 'unproductive' })
      .expect(200);
    expect(patched.body.productivity).toBe('unproductive');

    const teamRule = await create({
      kind: 'app',
      pattern: ' Slack ',
      productivity: 'unproductive',
      teamId: team.id,
    }).expect(201);
    expect(teamRule.body).toMatchObject({ pattern: 'Slack', teamId: team.id });
    const teamOnly = await api()
      .get(`/api/v1/productivity-rules?teamId=${team.id}`)
      .set(auth())
      .expect(200);
    expect(teamOnly.body.items.map((r: { id: string }) => r.id)).toEqual([teamRule.body.id]);

    // The same scope, kind and pattern again re-classes the rule instead of duplicating it.
    const again = await create({
      kind: 'app',
      pattern: 'slack',
      productivity: 'neutral',
      teamId: team.id,
    }).expect(201);
    expect(again.body.id).toBe(teamRule.body.id);
    expect(again.body.productivity).toBe('neutral');

    const other = await create({
      kind: 'site',
      pattern: 'other.corp.test',
      productivity: 'neutral',
    }).expect(201);
    const clash = await api()
      .patch(`/api/v1/productivity-rules/${other.body.id}`)
      .set(auth())
      .send({ pattern: 'intranet.corp.test' });
    expect(clash.status).toBe(409);

    await api().delete(`/api/v1/productivity-rules/${id}`).set(auth()).expect(204);
    await api().delete(`/api/v1/productivity-rules/${id}`).set(auth()).expect(404);
    await api().get(`/api/v1/productivity-rules/${id}`).set(auth()).expect(404);
  });

  it('changes past reports at once', async () => {
    const e = await createEmployee(ctx.app, owner.accessToken, {
      timeZone: 'Europe/Berlin',
      teamId: team.id,
    });
    const token = await enrollDevice(ctx.app, owner.accessToken, e.email);
    await sendEvents(ctx.app, token, [
      {
        id: randomUUID(),
        kind: 'active',
        start: '2026-05-04T08:00:00Z',
        end: '2026-05-04T09:00:00Z',
        app: 'Firefox',
        url: 'https://play.gamezone.test/x',
      },
      {
        id: randomUUID(),
        kind: 'active',
        start: '2026-05-04T09:00:00Z',
        end: '2026-05-04T09:30:00Z',
        app: 'GameLauncher',
      },
    ]);
    const summary = async () => {
      const res = await api()
        .get('/api/v1/reports/summary?from=2026-05-04&to=2026-05-04')
        .set(auth())
        .expect(200);
      const rows = res.body.rows as { employeeId: string }[];
      return rows.find((r) => r.employeeId === e.id);
    };
    expect(await summary()).toMatchObject({
      activeSeconds: 5400,
      neutralSeconds: 5400,
      productiveSeconds: 0,
    });
    await create({ kind: 'site', pattern: 'gamezone.test', productivity: 'unproductive' }).expect(
      201,
    );
    expect(await summary()).toMatchObject({ unproductiveSeconds: 3600, neutralSeconds: 1800 });
    const teamRule = await create({
      kind: 'app',
      pattern: 'gamelauncher',
      productivity: 'productive',
      teamId: team.id,
    }).expect(201);
    expect(await summary()).toMatchObject({
      unproductiveSeconds: 3600,
      productiveSeconds: 1800,
      neutralSeconds: 0,
    });
    await api().delete(`/api/v1/productivity-rules/${teamRule.body.id}`).set(auth()).expect(204);
    expect(await summary()).toMatchObject({
      unproductiveSeconds: 3600,
      neutralSeconds: 1800,
      productiveSeconds: 0,
    });
    // An app rule never classifies a span with a URL, and vice versa.
    await create({ kind: 'app', pattern: 'Firefox', productivity: 'productive' }).expect(201);
    expect(await summary()).toMatchObject({ unproductiveSeconds: 3600, neutralSeconds: 1800 });
    const usage = await api()
      .get(`/api/v1/reports/usage?from=2026-05-04&to=2026-05-04&employeeId=${e.id}`)
      .set(auth())
      .expect(200);
    expect(usage.body.rows).toEqual([
      { kind: 'site', name: 'play.gamezone.test', seconds: 3600, productivity: 'unproductive' },
      { kind: 'app', name: 'GameLauncher', seconds: 1800, productivity: 'neutral' },
    ]);
  });

  it('lets readers read and only managers of rules write', async () => {
    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager');
    await api().get('/api/v1/productivity-rules').set(auth(manager.accessToken)).expect(200);
    await create(
      { kind: 'app', pattern: 'x', productivity: 'neutral' },
      manager.accessToken,
    ).expect(403);
    const employee = await createUserWithRole(ctx.app, owner.accessToken, 'employee');
    await api().get('/api/v1/productivity-rules').set(auth(employee.accessToken)).expect(403);
    await api().get('/api/v1/productivity-rules').expect(401);
  });

  it('hides other organizations’ rules and teams', async () => {
    const other = await signUp(ctx.app);
    const foreignTeam = await createTeam(ctx.app, other.accessToken);
    const mine = await create({ kind: 'app', pattern: 'Mine', productivity: 'neutral' }).expect(
      201,
    );
    await api()
      .get(`/api/v1/productivity-rules/${mine.body.id}`)
      .set(auth(other.accessToken))
      .expect(404);
    await api()
      .delete(`/api/v1/productivity-rules/${mine.body.id}`)
      .set(auth(other.accessToken))
      .expect(404);
    await api()
      .patch(`/api/v1/productivity-rules/${mine.body.id}`)
      .set(auth(other.accessToken))
      .send({ productivity: 'productive' })
      .expect(404);
    await create({
      kind: 'app',
      pattern: 'x',
      productivity: 'neutral',
      teamId: foreignTeam.id,
    }).expect(404);
    await create({
      kind: 'app',
      pattern: 'x',
      productivity: 'neutral',
      teamId: randomUUID(),
    }).expect(404);
    await api().get(`/api/v1/productivity-rules?teamId=${foreignTeam.id}`).set(auth()).expect(404);
  });

  it.each([
    ['no body', {}],
    ['a bad kind', { kind: 'window', pattern: 'x', productivity: 'neutral' }],
    ['a bad class', { kind: 'app', pattern: 'x', productivity: 'great' }],
    ['an empty pattern', { kind: 'app', pattern: '', productivity: 'neutral' }],
    ['a blank pattern', { kind: 'app', pattern: '   ', productivity: 'neutral' }],
    ['a pattern that is no host', { kind: 'site', pattern: 'not a host', productivity: 'neutral' }],
    ['a huge pattern', { kind: 'site', pattern: 'a'.repeat(100_000), productivity: 'neutral' }],
    ['a number pattern', { kind: 'app', pattern: 42, productivity: 'neutral' }],
    [
      'a teamId that is no UUID',
      { kind: 'app', pattern: 'x', productivity: 'neutral', teamId: 'team-1' },
    ],
    ['an unknown field', { kind: 'app', pattern: 'x', productivity: 'neutral', weight: 3 }],
  ])('answers 400 for %s', async (_what, body) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 400 for bad ids and bad updates', async () => {
    await api().get('/api/v1/productivity-rules/not-a-uuid').set(auth()).expect(400);
    await api().delete('/api/v1/productivity-rules/1').set(auth()).expect(400);
    const rule = await create({
      kind: 'app',
      pattern: 'Patchable',
      productivity: 'neutral',
    }).expect(201);
    const patch = (body: unknown) =>
      api()
        .patch(`/api/v1/productivity-rules/${rule.body.id}`)
        .set(auth())
        .send(body as object);
    await patch({ productivity: 'best' }).expect(400);
    await patch({ kind: 'site' }).expect(400);
    await patch({ pattern: '' }).expect(400);
    await api().get('/api/v1/productivity-rules?kind=window').set(auth()).expect(400);
  });
});
