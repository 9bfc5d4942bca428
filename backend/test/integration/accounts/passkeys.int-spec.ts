import request from 'supertest';
import { DEFAULT_PASSWORD, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { SoftAuthenticator } from '#test/support/soft-authenticator.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

const PUBLIC_URL = 'https://console.example.test';

describe(`WebAuthn passkeys as a second factor (${TEST_DB})`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  const api = () => request(ctx.app.getHttpServer());
  const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
  const authenticator = new SoftAuthenticator('console.example.test', PUBLIC_URL);

  beforeAll(async () => {
    ctx = await startTestApp({ PUBLIC_URL });
    owner = await signUp(ctx.app);
  });
  afterAll(async () => {
    await ctx.close();
  });

  async function register(): Promise<void> {
    const start = await api()
      .post('/api/v1/me/mfa/passkeys/options')
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(start.body.options.rp).toEqual({ name: 'CallTimeX', id: 'console.example.test' });
    await api()
      .post('/api/v1/me/mfa/passkeys')
      .set(bearer(owner.accessToken))
      .send({
        challengeId: start.body.challengeId,
        name: 'Soft key',
        response: authenticator.register(start.body.options as { challenge: string }),
      })
      .expect(201);
  }

  /** Password first: the 401 mfa-required answer hands over a ticket for the second step. */
  async function ticket(): Promise<string> {
    const res = await api()
      .post('/api/v1/auth/login')
      .send({ email: owner.user.email, password: DEFAULT_PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body.type).toMatch(/mfa-required$/);
    expect(res.body.methods).toEqual(['passkey']);
    return res.body.mfaTicket as string;
  }

  it('registers a passkey from a real attestation and refuses a replayed challenge', async () => {
    await register();
    const list = await api()
      .get('/api/v1/me/mfa/passkeys')
      .set(bearer(owner.accessToken))
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: 'Soft key', lastUsedAt: null }),
    ]);
    const overview = await api().get('/api/v1/me/mfa').set(bearer(owner.accessToken)).expect(200);
    expect(overview.body).toMatchObject({ passkeys: 1, totpEnabled: false });
  });

  it('signs in with password and a passkey assertion; each challenge answers once', async () => {
    const t = await ticket();
    const options = await api()
      .post('/api/v1/auth/mfa/passkey-options')
      .send({ ticket: t })
      .expect(200);
    expect(options.body.options.allowCredentials).toEqual([
      expect.objectContaining({ id: authenticator.id }),
    ]);
    const passkey = {
      challengeId: options.body.challengeId as string,
      response: authenticator.assert(options.body.options.challenge as string),
    };
    const done = await api()
      .post('/api/v1/auth/mfa/complete')
      .set('X-Refresh-Token-Delivery', 'body')
      .send({ ticket: t, passkey })
      .expect(200);
    await api()
      .get('/api/v1/me')
      .set(bearer(done.body.accessToken as string))
      .expect(200);
    const replay = await api().post('/api/v1/auth/mfa/complete').send({ ticket: t, passkey });
    expect(replay.status).toBe(401);
  });

  it('refuses an assertion made for another origin or signed over another challenge', async () => {
    const t = await ticket();
    let options = await api()
      .post('/api/v1/auth/mfa/passkey-options')
      .send({ ticket: t })
      .expect(200);
    const phished = await api()
      .post('/api/v1/auth/mfa/complete')
      .send({
        ticket: t,
        passkey: {
          challengeId: options.body.challengeId,
          response: authenticator.assert(options.body.options.challenge as string, {
            origin: 'https://console.example.test.evil.example',
          }),
        },
      });
    expect(phished.status).toBe(401);
    options = await api().post('/api/v1/auth/mfa/passkey-options').send({ ticket: t }).expect(200);
    const wrongChallenge = await api()
      .post('/api/v1/auth/mfa/complete')
      .send({
        ticket: t,
        passkey: {
          challengeId: options.body.challengeId,
          response: authenticator.assert('c29tZS1vdGhlci1jaGFsbGVuZ2U'),
        },
      });
    expect(wrongChallenge.status).toBe(401);
  });

  it('counts a passkey for the MFA policy, and removing it brings the enrollment back', async () => {
    await api()
      .put('/api/v1/organizations/current/mfa-policy')
      .set(bearer(owner.accessToken))
      .send({ requiredRoles: ['owner'] })
      .expect(200);
    await api().get('/api/v1/teams').set(bearer(owner.accessToken)).expect(200);
    const list = await api()
      .get('/api/v1/me/mfa/passkeys')
      .set(bearer(owner.accessToken))
      .expect(200);
    await api()
      .delete(`/api/v1/me/mfa/passkeys/${list.body.items[0].id as string}`)
      .set(bearer(owner.accessToken))
      .expect(204);
    // The session proved no factor and the user has none left: only enrollment is open.
    const blocked = await api().get('/api/v1/teams').set(bearer(owner.accessToken));
    expect(blocked.status).toBe(403);
    expect(blocked.body.type).toMatch(/mfa-enrollment-required$/);
    await api().get('/api/v1/me/mfa').set(bearer(owner.accessToken)).expect(200);
    // The policy itself stays reachable only once enrolled; re-registering lifts the block.
    await register();
    await api().get('/api/v1/teams').set(bearer(owner.accessToken)).expect(200);
  });
});
