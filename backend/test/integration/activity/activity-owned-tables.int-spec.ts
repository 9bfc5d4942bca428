import { randomUUID } from 'node:crypto';
import { ActivityReadModel } from '#src/modules/activity/read-model/activity-read-model.js';
import { ActivityErasure, RENAMED_KEYS } from '#src/modules/activity/removal/activity-erasure.js';
import { ActivityRetention } from '#src/modules/activity/removal/activity-retention.js';
import { ErasureService } from '#src/modules/privacy/erasure/erasure.service.js';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { http, iso, seedPerson, type Person } from '../privacy/privacy-fixtures.js';
import { sendEvents } from '../reports/report-fixtures.js';

const FROM = '2026-11-01';
const TO = '2026-11-03';
// seedPerson's day: Word 10 min, Chrome on the person's own wiki 5 min, then 5 min idle.
const START = Date.UTC(2026, 10, 2, 9, 0, 0);
const MIN = 60_000;

/** What other modules see of activity: the read model, and what privacy removes through it. */
describe(`activity's own tables, read and removed through its services (${TEST_DB})`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let alice: Person;
  let bob: Person;
  let readModel: ActivityReadModel;
  const quill = `Quill ${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await signUp(ctx.app);
    alice = await seedPerson(ctx, owner.accessToken, 'Alice');
    bob = await seedPerson(ctx, owner.accessToken, 'Bob');
    // An app only Alice uses, the next day.
    const next = START + 24 * 60 * MIN;
    const result = await sendEvents(ctx.app, alice.deviceToken, [
      { id: randomUUID(), kind: 'active', start: iso(next), end: iso(next + 2 * MIN), app: quill },
    ]);
    expect(result.accepted).toBe(1);
    readModel = ctx.app.get(ActivityReadModel);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const org = () => owner.organization.id;
  const employees = () =>
    new Map([
      [alice.employee.id, { teamId: null }],
      [bob.employee.id, { teamId: null }],
    ]);

  it('totals each employee exactly, the split under rules added after the data at once', async () => {
    const before = await readModel.totals(org(), employees(), FROM, TO, 'primary');
    const aliceBefore = before.find((t) => t.employeeId === alice.employee.id);
    expect(aliceBefore).toMatchObject({
      activeMs: 17 * MIN,
      idleMs: 5 * MIN,
      firstActiveMs: START,
      lastActiveMs: START + 24 * 60 * MIN + 2 * MIN,
      productiveMs: 0,
      neutralMs: 17 * MIN,
      unproductiveMs: 0,
    });
    expect(Object.keys(aliceBefore!).sort()).toEqual(
      [
        'employeeId',
        'activeMs',
        'idleMs',
        'firstActiveMs',
        'lastActiveMs',
        'productiveMs',
        'neutralMs',
        'unproductiveMs',
      ].sort(),
    );

    const rule = await http(ctx.app)
      .post('/api/v1/productivity-rules')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ kind: 'app', pattern: 'Word', productivity: 'productive' });
    expect(rule.status).toBe(201);
    const split = (totals: Awaited<ReturnType<ActivityReadModel['totals']>>) =>
      totals
        .map((t) => [t.employeeId, t.productiveMs, t.neutralMs, t.unproductiveMs])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const expected = [alice.employee.id, bob.employee.id]
      .sort()
      .map((id) => [id, 10 * MIN, (id === alice.employee.id ? 7 : 5) * MIN, 0]);
    // Corrected at once, before the cached split is refreshed in the background...
    expect(split(await readModel.totals(org(), employees(), FROM, TO, 'primary'))).toEqual(
      expected,
    );
    // ...and the same once it is.
    await readModel.settled(org());
    expect(split(await readModel.totals(org(), employees(), FROM, TO, 'primary'))).toEqual(
      expected,
    );
    // One day of the range: only what lies in it.
    expect(
      split(await readModel.totals(org(), employees(), '2026-11-03', '2026-11-03', 'primary')).find(
        (t) => t[0] === alice.employee.id,
      ),
    ).toEqual([alice.employee.id, 0, 2 * MIN, 0]);
  });

  it('gives time per app or site, and a day of spans with their keys and classes', async () => {
    const usage = await readModel.keyUsage(org(), [alice.employee.id], FROM, TO, 'primary');
    const byName = new Map(
      usage.map((u) => [u.key.kind === 'site' ? u.key.normalized : u.key.name, u]),
    );
    expect(byName.get('Word')).toMatchObject({ ms: 10 * MIN, productivity: 'productive' });
    expect(byName.get(quill)).toMatchObject({ ms: 2 * MIN, productivity: 'neutral' });
    expect(byName.get(new URL(alice.urls[0]).hostname)).toMatchObject({ ms: 5 * MIN });
    expect(await readModel.keyUsage(org(), [], FROM, TO, 'primary')).toEqual([]);

    const spans = await readModel.spans(
      org(),
      { id: alice.employee.id, teamId: null },
      Date.UTC(2026, 10, 2),
      Date.UTC(2026, 10, 3),
      'primary',
    );
    expect(
      spans
        .sort((a, b) => a.startMs - b.startMs)
        .map((s) => [s.kind, s.key?.name ?? null, s.title, s.productivity]),
    ).toEqual([
      ['active', 'Word', alice.titles[0], 'productive'],
      // A span with a URL counts for its site.
      ['active', new URL(alice.urls[0]).hostname, alice.titles[1], 'neutral'],
      ['idle', null, null, 'neutral'],
    ]);
  });

  it('pages through a person’s spans in order, and lists their day totals', async () => {
    const all: string[] = [];
    for await (const page of readModel.personSpans(alice.employee.id, 'primary')) {
      all.push(...page.map((s) => `${Number(s.startMs)} ${s.kind}`));
    }
    const paged: string[] = [];
    let pages = 0;
    for await (const page of readModel.personSpans(alice.employee.id, 'primary', 1)) {
      pages++;
      paged.push(...page.map((s) => `${Number(s.startMs)} ${s.kind}`));
    }
    expect(all).toHaveLength(4);
    expect(paged).toEqual(all);
    expect(pages).toBe(4);
    const days = await readModel.personDayTotals(org(), alice.employee.id, 'primary');
    expect(days.map((d) => String(d.day))).toEqual(['2026-11-02', '2026-11-03']);
  });

  it('erasure renames the keys only the person used, and keeps the ones others use', async () => {
    const keys = async () =>
      new Map(
        (
          await ctx.dataSource.query<{ id: string; name: string; normalized: string }[]>(
            'SELECT id, name, normalized FROM activity_keys WHERE organizationId = ?',
            [org()],
          )
        ).map((k) => [k.id, k]),
      );
    const before = await keys();
    const erasure = ctx.app.get(ActivityErasure);
    const aliceKeys = await erasure.keyIdsOf(alice.employee.id);
    // Word is Bob's too; her site and her app are hers alone.
    const onlyAlice = [...before.values()].filter(
      (k) => k.name === quill || k.normalized === new URL(alice.urls[0]).hostname,
    );
    expect(onlyAlice).toHaveLength(2);
    expect(aliceKeys.sort()).toEqual(
      [...before.values()]
        .filter((k) => k.name === 'Word' || onlyAlice.includes(k))
        .map((k) => k.id)
        .sort(),
    );
    expect(await erasure.contentOf(alice.employee.id)).toEqual(
      expect.arrayContaining([...alice.titles, ...alice.urls]),
    );

    const verification = await ctx.app.get(ErasureService).erase(org(), alice.employee.id, []);
    expect(verification.passed).toBe(true);
    expect(verification.deleted[RENAMED_KEYS]).toBe(2);

    const after = await keys();
    for (const [id, k] of before) {
      const renamed = onlyAlice.includes(k);
      expect({ id, ...after.get(id) }).toEqual(
        renamed ? { id, name: `erased-${id}`, normalized: `erased-${id}` } : { ...k },
      );
    }
    // Bob's texts are still recorded; Alice's are not.
    expect(await erasure.recordedTexts([...alice.titles, ...bob.titles, ...bob.urls])).toEqual(
      new Set([...bob.titles, ...bob.urls]),
    );
    expect(await erasure.contentOf(alice.employee.id)).toEqual([]);
  });

  it('retention deletes spans and day rows before their cutoffs', async () => {
    const retention = ctx.app.get(ActivityRetention);
    expect(await retention.deleteSpansBefore(org(), START)).toBe(0);
    expect(await retention.deleteSpansBefore(org(), Date.UTC(2026, 10, 3))).toBe(3);
    const pages: unknown[] = [];
    for await (const page of readModel.personSpans(bob.employee.id, 'primary')) pages.push(page);
    expect(pages).toEqual([]);
    // The day's totals outlive its spans until their own cutoff.
    expect(await readModel.totals(org(), employees(), FROM, TO, 'primary')).toHaveLength(1);
    expect(await retention.deleteDaysBefore(org(), '2026-11-02')).toBe(0);
    expect(await retention.deleteDaysBefore(org(), '2026-11-03')).toBeGreaterThanOrEqual(2);
    expect(await readModel.totals(org(), employees(), FROM, TO, 'primary')).toEqual([]);
  });
});
