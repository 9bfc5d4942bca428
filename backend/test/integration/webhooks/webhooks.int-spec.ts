import request from 'supertest';
import { WebhookDeliveryEntity } from '#src/modules/webhooks/entities/webhook-delivery.entity.js';
import { WebhookDeliverySweeper } from '#src/modules/webhooks/webhook-deliver.processor.js';
import { WebhookDeliveriesService } from '#src/modules/webhooks/webhook-deliveries.service.js';
import { verifySignature } from '#src/modules/webhooks/webhook-crypto.js';
import { WebhooksRepository } from '#src/modules/webhooks/webhooks.repository.js';
import { AttendanceReadyProcessor } from '#src/modules/working-time/attendance-ready.processor.js';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { freePort, startReceiver, type Received } from './receiver.js';

const BASE_MS = 100;

interface Created {
  id: string;
  secret: string;
  secretHint: string;
  url: string;
  events: string[];
}

describe('webhooks with the loopback allowed (WEBHOOKS_ALLOWED_NETWORKS)', () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let other: SignedUp;
  const server = () => ctx.app.getHttpServer();
  const auth = (who: SignedUp) => ({ Authorization: `Bearer ${who.accessToken}` });

  beforeAll(async () => {
    ctx = await startTestApp({
      ALLOW_SIGNUP: 'true',
      WEBHOOKS_ALLOWED_NETWORKS: '127.0.0.0/8,::1/128',
      WEBHOOKS_RETRY_BASE_MS: String(BASE_MS),
      WEBHOOKS_TIMEOUT_SECONDS: '2',
    });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
    other = await signUp(ctx.app);
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  async function subscribe(who: SignedUp, url: string, events: string[]): Promise<Created> {
    const res = await request(server()).post('/api/v1/webhooks').set(auth(who)).send({
      url,
      events,
      description: 'test receiver',
    });
    expect(res.status).toBe(201);
    return res.body as Created;
  }

  async function deliveries(who: SignedUp, id: string) {
    const res = await request(server())
      .get(`/api/v1/webhooks/${id}/deliveries`)
      .set(auth(who))
      .expect(200);
    return res.body as {
      total: number;
      items: {
        id: string;
        status: string;
        attempts: number;
        event: string;
        lastStatusCode: number | null;
      }[];
    };
  }

  function assertSigned(hit: Received, secret: string): void {
    const signature = String(hit.headers['x-calltimex-signature']);
    const timestamp = String(hit.headers['x-calltimex-timestamp']);
    expect(
      verifySignature(secret, signature, timestamp, hit.body, Math.floor(Date.now() / 1000)),
    ).toBe(true);
    // A changed body or an old timestamp does not verify.
    expect(verifySignature(secret, signature, timestamp, hit.body + ' ', Date.now() / 1000)).toBe(
      false,
    );
    expect(
      verifySignature(secret, signature, timestamp, hit.body, Math.floor(Date.now() / 1000) + 600),
    ).toBe(false);
  }

  it('500 three times, then 200: the event arrives once accepted, signed, after backed-off retries', async () => {
    const receiver = await startReceiver([500, 500, 500, 200]);
    try {
      const hook = await subscribe(owner, receiver.url, ['employee.created']);
      expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(hook.secretHint).toBe(hook.secret.slice(-4));
      const employee = await createEmployee(ctx.app, owner.accessToken);

      const done = await eventually(async () => {
        const page = await deliveries(owner, hook.id);
        return page.items[0]?.status === 'succeeded' && page.items[0];
      });
      expect(done).toMatchObject({ attempts: 4, lastStatusCode: 200, event: 'employee.created' });
      // Nothing more arrives once it was accepted.
      await new Promise((r) => setTimeout(r, 8 * BASE_MS));
      expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 500, 200]);

      const bodies = receiver.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
      expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
      expect(bodies[0]).toMatchObject({
        type: 'employee.created',
        organizationId: owner.organization.id,
        data: { employeeId: employee.id, teamId: null },
      });
      // Personal data stays out of stored and sent payloads (erasure leaves nothing behind).
      expect(receiver.received[0]?.body).not.toContain(employee.email);
      for (const hit of receiver.received) {
        assertSigned(hit, hook.secret);
        expect(hit.headers['x-calltimex-event']).toBe('employee.created');
        expect(hit.headers['x-calltimex-delivery']).toBe(done.id);
      }
      // Exponential backoff: base, 2 x base, 4 x base between the attempts.
      const gaps = receiver.received.slice(1).map((r, i) => r.at - receiver.received[i].at);
      expect(gaps[0]).toBeGreaterThanOrEqual(BASE_MS * 0.9);
      expect(gaps[1]).toBeGreaterThanOrEqual(BASE_MS * 2 * 0.9);
      expect(gaps[2]).toBeGreaterThanOrEqual(BASE_MS * 4 * 0.9);

      const detail = await request(server())
        .get(`/api/v1/webhooks/${hook.id}/deliveries/${done.id}`)
        .set(auth(owner))
        .expect(200);
      expect(
        (detail.body as { attemptLog: { statusCode: number }[] }).attemptLog.map(
          (a) => a.statusCode,
        ),
      ).toEqual([500, 500, 500, 200]);
      // The secret is shown once: never in reads.
      const read = await request(server()).get(`/api/v1/webhooks/${hook.id}`).set(auth(owner));
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toContain(hook.secret);
      await request(server()).delete(`/api/v1/webhooks/${hook.id}`).set(auth(owner)).expect(204);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('a receiver down for the whole time loses nothing: the delivery waits in the database', async () => {
    const port = await freePort();
    const hook = await subscribe(owner, `http://127.0.0.1:${port}/down`, ['employee.created']);
    const employee = await createEmployee(ctx.app, owner.accessToken);
    const pending = await eventually(async () => {
      const page = await deliveries(owner, hook.id);
      return (page.items[0]?.attempts ?? 0) >= 3 && page.items[0];
    });
    expect(pending.status).toBe('pending');
    const rows = await ctx.dataSource.query<
      { status: string; attempts: number; payload: string }[]
    >('SELECT status, attempts, payload FROM webhook_deliveries WHERE subscriptionId = ?', [
      hook.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('pending');
    expect(rows[0]?.payload).toContain(employee.id);
    // The attempt's log row may land a moment after the delivery's counter: wait for it.
    const attempts = await eventually(async () => {
      const logged = await ctx.dataSource.query<
        { statusCode: number | null; error: string | null }[]
      >('SELECT statusCode, error FROM webhook_delivery_attempts WHERE deliveryId = ?', [
        pending.id,
      ]);
      return logged.length >= 3 && logged;
    });
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts.every((a) => a.statusCode === null && (a.error ?? '') !== '')).toBe(true);

    // The receiver comes back on the same address: the next retry gets it there.
    const receiver = await startReceiver([200], port);
    try {
      await eventually(
        async () => (await deliveries(owner, hook.id)).items[0]?.status === 'succeeded',
        30_000,
      );
      expect(receiver.received).toHaveLength(1);
      assertSigned(receiver.received[0], hook.secret);
    } finally {
      await receiver.close();
      await request(server()).delete(`/api/v1/webhooks/${hook.id}`).set(auth(owner)).expect(204);
    }
  }, 60_000);

  it('the sweeper re-queues a pending delivery whose job the queue lost', async () => {
    const receiver = await startReceiver([200]);
    try {
      const hook = await subscribe(owner, receiver.url, ['employee.created']);
      const repository = ctx.app.get(WebhooksRepository);
      const subscription = await repository.findSubscription(owner.organization.id, hook.id);
      const delivery = ctx.app.get(WebhookDeliveriesService).newDelivery(subscription!, {
        id: '0b6f3d55-1c1e-4a53-8a0e-0f0a6f1b2c3d',
        name: 'employee.created',
        organizationId: owner.organization.id,
        occurredAt: new Date(),
        data: { employeeId: '0b6f3d55-1c1e-4a53-8a0e-0f0a6f1b2c3e', teamId: null, timeZone: 'UTC' },
      });
      // Written without a job, as if the process died before enqueueing (or Redis was flushed).
      await repository.insertDelivery(repository.manager, delivery);
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.received).toHaveLength(0);
      expect(await ctx.app.get(WebhookDeliverySweeper).sweep(new Date())).toBeGreaterThanOrEqual(1);
      await eventually(() => receiver.received.length === 1);
      expect(JSON.parse(receiver.received[0].body)).toMatchObject({ id: delivery.eventId });
    } finally {
      await receiver.close();
    }
  }, 30_000);

  it('send test event, rotate the secret, retry a failed delivery', async () => {
    const receiver = await startReceiver([200]);
    try {
      const hook = await subscribe(owner, receiver.url, ['absence.approved']);
      const test = await request(server())
        .post(`/api/v1/webhooks/${hook.id}/test`)
        .set(auth(owner))
        .expect(202);
      expect(test.body).toMatchObject({ event: 'webhook.test', status: 'pending' });
      await eventually(() => receiver.received.length === 1);
      expect(JSON.parse(receiver.received[0].body)).toMatchObject({ type: 'webhook.test' });
      assertSigned(receiver.received[0], hook.secret);

      const rotated = await request(server())
        .post(`/api/v1/webhooks/${hook.id}/rotate-secret`)
        .set(auth(owner))
        .expect(200);
      const secret = (rotated.body as { secret: string }).secret;
      expect(secret).not.toBe(hook.secret);

      // A delivery past its window fails at the next attempt; "retry" sends it again.
      await request(server())
        .patch(`/api/v1/webhooks/${hook.id}`)
        .set(auth(owner))
        .send({ active: false })
        .expect(200);
      const paused = await request(server())
        .post(`/api/v1/webhooks/${hook.id}/test`)
        .set(auth(owner))
        .expect(202);
      const pausedId = (paused.body as { id: string }).id;
      await ctx.dataSource
        .getRepository(WebhookDeliveryEntity)
        .update({ id: pausedId }, { giveUpAt: new Date(Date.now() - 1000) });
      const failed = await eventually(async () => {
        const page = await deliveries(owner, hook.id);
        return page.items.find((d) => d.id === pausedId && d.status === 'failed');
      });
      expect(failed.attempts).toBeGreaterThanOrEqual(1);
      expect(receiver.received).toHaveLength(1);
      await request(server())
        .patch(`/api/v1/webhooks/${hook.id}`)
        .set(auth(owner))
        .send({ active: true })
        .expect(200);
      const retried = await request(server())
        .post(`/api/v1/webhooks/${hook.id}/deliveries/${pausedId}/retry`)
        .set(auth(owner))
        .expect(200);
      // Reopened and queued: the answer reads the row after queueing, and a quick worker may have
      // delivered it by then.
      expect(['pending', 'succeeded']).toContain((retried.body as { status: string }).status);
      await eventually(() => receiver.received.length === 2);
      assertSigned(receiver.received[1], secret);
      const pendingAgain = await request(server())
        .post(`/api/v1/webhooks/${hook.id}/test`)
        .set(auth(owner))
        .expect(202);
      const pendingId = (pendingAgain.body as { id: string }).id;
      await eventually(async () => {
        const page = await deliveries(owner, hook.id);
        return page.items.find((d) => d.id === pendingId && d.status === 'succeeded');
      });
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('events of the real flows: deactivation, enrollment, absence, privacy request, daily attendance', async () => {
    const receiver = await startReceiver([200]);
    try {
      await subscribe(owner, receiver.url, [
        'employee.deactivated',
        'device.enrolled',
        'absence.approved',
        'privacy.request.completed',
        'attendance.daily.ready',
      ]);
      const types = () =>
        receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
      const employee = await createEmployee(ctx.app, owner.accessToken);

      const token = await request(server())
        .post('/api/v1/agent/enrollment-tokens')
        .set(auth(owner))
        .send({})
        .expect(201);
      const enrolled = await request(server())
        .post('/api/v1/agent/enroll')
        .send({
          enrollmentToken: (token.body as { token: string }).token,
          employeeEmail: employee.email,
          hostname: 'ws-1',
          os: 'Linux',
          agentVersion: '1.0.0',
        })
        .expect(201);
      await eventually(() => types().includes('device.enrolled'));

      await request(server())
        .post('/api/v1/absences')
        .set(auth(owner))
        .send({ employeeId: employee.id, from: '2026-12-21', to: '2026-12-22', kind: 'vacation' })
        .expect(201);
      await eventually(() => types().includes('absence.approved'));

      await request(server())
        .post('/api/v1/privacy/requests')
        .set(auth(owner))
        .send({ type: 'access', employeeId: employee.id })
        .expect(201);
      await eventually(() => types().includes('privacy.request.completed'), 30_000);

      await request(server())
        .post(`/api/v1/employees/${employee.id}/deactivate`)
        .set(auth(owner))
        .expect(200);
      await eventually(() => types().includes('employee.deactivated'));
      // Deactivating again changes nothing and publishes nothing.
      await request(server()).post(`/api/v1/employees/${employee.id}/deactivate`).set(auth(owner));

      const processor = ctx.app.get(AttendanceReadyProcessor);
      await processor.publishFor(Date.now());
      await processor.publishFor(Date.now());
      await eventually(() => types().includes('attendance.daily.ready'));
      await new Promise((r) => setTimeout(r, 500));

      const byType = (t: string) =>
        receiver.received
          .map(
            (r) =>
              JSON.parse(r.body) as {
                type: string;
                organizationId: string;
                data: Record<string, unknown>;
              },
          )
          .filter((b) => b.type === t);
      expect(byType('device.enrolled')[0]?.data).toMatchObject({
        deviceId: (enrolled.body as { deviceId: string }).deviceId,
        employeeId: employee.id,
      });
      expect(byType('absence.approved')[0]?.data).toMatchObject({
        employeeId: employee.id,
        from: '2026-12-21',
        to: '2026-12-22',
      });
      expect(byType('privacy.request.completed')[0]?.data).toMatchObject({
        type: 'access',
        employeeId: employee.id,
      });
      expect(byType('employee.deactivated')).toHaveLength(1);
      // Published twice for the same day: one event, only the owner's organization.
      expect(byType('attendance.daily.ready')).toHaveLength(1);
      expect(byType('attendance.daily.ready')[0]?.data.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(
        receiver.received.every(
          (r) =>
            (JSON.parse(r.body) as { organizationId: string }).organizationId ===
            owner.organization.id,
        ),
      ).toBe(true);
    } finally {
      await receiver.close();
    }
  }, 90_000);

  it("another organization's webhooks answer 404 and never get its events", async () => {
    const receiver = await startReceiver([200]);
    try {
      const hook = await subscribe(owner, receiver.url, ['employee.created']);
      const paths = [
        ['get', `/api/v1/webhooks/${hook.id}`],
        ['patch', `/api/v1/webhooks/${hook.id}`],
        ['delete', `/api/v1/webhooks/${hook.id}`],
        ['post', `/api/v1/webhooks/${hook.id}/test`],
        ['post', `/api/v1/webhooks/${hook.id}/rotate-secret`],
        ['get', `/api/v1/webhooks/${hook.id}/deliveries`],
      ] as const;
      for (const [method, path] of paths) {
        const agent = request(server());
        const res = await agent[method](path)
          .set(auth(other))
          .send(method === 'patch' ? { active: false } : {});
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      const list = await request(server()).get('/api/v1/webhooks').set(auth(other)).expect(200);
      expect((list.body as { items: unknown[] }).items).toHaveLength(0);
      await createEmployee(ctx.app, other.accessToken);
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received).toHaveLength(0);
      // A delivery of another webhook answers 404 under this one.
      const mine = await subscribe(other, receiver.url, ['employee.created']);
      const test = await request(server())
        .post(`/api/v1/webhooks/${hook.id}/test`)
        .set(auth(owner))
        .expect(202);
      await request(server())
        .get(`/api/v1/webhooks/${mine.id}/deliveries/${(test.body as { id: string }).id}`)
        .set(auth(other))
        .expect(404);
    } finally {
      await receiver.close();
    }
  }, 30_000);

  it('bad input is a 400, other roles a 403, private and metadata addresses are refused', async () => {
    const post = (body: unknown) =>
      request(server())
        .post('/api/v1/webhooks')
        .set(auth(owner))
        .send(body as object);
    const cases: [string, unknown][] = [
      ['not a url', { url: 'not a url', events: ['employee.created'] }],
      ['ftp', { url: 'ftp://127.0.0.1/x', events: ['employee.created'] }],
      ['unknown event', { url: 'http://127.0.0.1:9/x', events: ['employee.exploded'] }],
      ['no events', { url: 'http://127.0.0.1:9/x', events: [] }],
      ['events not a list', { url: 'http://127.0.0.1:9/x', events: 'employee.created' }],
      [
        'repeated event',
        { url: 'http://127.0.0.1:9/x', events: ['employee.created', 'employee.created'] },
      ],
      [
        'oversized url',
        { url: `http://127.0.0.1:9/${'a'.repeat(2100)}`, events: ['employee.created'] },
      ],
      [
        'oversized description',
        { url: 'http://127.0.0.1:9/x', events: ['employee.created'], description: 'd'.repeat(201) },
      ],
      [
        'unknown field',
        { url: 'http://127.0.0.1:9/x', events: ['employee.created'], secret: 'mine' },
      ],
      ['credentials', { url: 'http://user:pw@127.0.0.1:9/x', events: ['employee.created'] }],
      [
        'metadata',
        { url: 'http://169.254.169.254/latest/meta-data', events: ['employee.created'] },
      ],
      ['private', { url: 'http://10.1.2.3/x', events: ['employee.created'] }],
      [
        'mapped metadata',
        { url: 'http://[::ffff:169.254.169.254]/x', events: ['employee.created'] },
      ],
      ['unspecified', { url: 'http://0.0.0.0:9/x', events: ['employee.created'] }],
    ];
    for (const [name, body] of cases) {
      const res = await post(body);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const refused = await post({ url: 'http://169.254.169.254/', events: ['employee.created'] });
    expect(refused.body).toMatchObject({ status: 400 });
    expect(String((refused.body as { type: string }).type)).toContain('webhook-url-not-allowed');
    await request(server()).get('/api/v1/webhooks/not-a-uuid').set(auth(owner)).expect(400);

    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    await request(server())
      .get('/api/v1/webhooks')
      .set('Authorization', `Bearer ${hr.accessToken}`)
      .expect(403);
    await request(server()).get('/api/v1/webhooks').expect(401);
  }, 30_000);
});

describe('webhooks without WEBHOOKS_ALLOWED_NETWORKS', () => {
  let ctx: TestContext;
  let owner: SignedUp;

  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await signUp(ctx.app);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('refuses loopback, localhost and link-local URLs', async () => {
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost:8080/x',
      'http://[::1]:8080/x',
      'http://169.254.169.254/',
      'http://192.168.1.10/x',
    ]) {
      const res = await request(ctx.app.getHttpServer())
        .post('/api/v1/webhooks')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ url, events: ['employee.created'] });
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(String((res.body as { type: string }).type)).toContain('webhook-url-not-allowed');
    }
  }, 30_000);
});
