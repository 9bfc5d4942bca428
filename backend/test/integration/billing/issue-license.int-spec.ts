import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { issueLicense } from '#src/modules/billing/tools/issue-license.js';
import { signUp } from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';

const TEST_KEY = fileURLToPath(new URL('../../fixtures/license-test-private.pem', import.meta.url));

describe('the vendor license tool', () => {
  let ctx: TestContext | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'ctx-license-'));

  afterAll(async () => {
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a key pair whose public key an installation accepts, and signs licenses it verifies', async () => {
    const publicPem = issueLicense(['--generate-key-pair', dir]);
    expect(publicPem).toContain('BEGIN PUBLIC KEY');
    expect(readFileSync(join(dir, 'license-private.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    ctx = await startTestApp({ LICENSE_PUBLIC_KEY: publicPem });
    const owner = await signUp(ctx.app);
    const license = issueLicense([
      '--key',
      join(dir, 'license-private.pem'),
      '--organization',
      owner.organization.id,
      '--plan',
      'business',
      '--seats',
      '40',
      '--from',
      '2026-01-01',
      '--until',
      '2099-12-31',
      '--licensee',
      'Acme Ltd',
    ]);
    const res = await request(ctx.app.getHttpServer())
      .post('/api/v1/billing/license')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ license })
      .expect(201);
    expect(res.body).toMatchObject({
      plan: 'business',
      seats: 40,
      licensee: 'Acme Ltd',
      status: 'valid',
    });
    // The test key pair is not this installation's: its licenses are refused.
    const foreign = issueLicense([
      '--key',
      TEST_KEY,
      '--organization',
      owner.organization.id,
      '--plan',
      'team',
      '--seats',
      '5',
      '--until',
      '2099-01-01',
    ]);
    await request(ctx.app.getHttpServer())
      .post('/api/v1/billing/license')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ license: foreign })
      .expect(422);
  });

  it.each([
    [['--organization', 'x', '--plan', 'team', '--seats', '5', '--until', '2099-01-01']],
    [
      [
        '--key',
        TEST_KEY,
        '--organization',
        'not-a-uuid',
        '--plan',
        'team',
        '--seats',
        '5',
        '--until',
        '2099-01-01',
      ],
    ],
    [
      [
        '--key',
        TEST_KEY,
        '--organization',
        '6f1c1f9e-3f7a-4d7c-9a57-0c6f3b1f2a10',
        '--plan',
        'gold',
        '--seats',
        '5',
        '--until',
        '2099-01-01',
      ],
    ],
    [
      [
        '--key',
        TEST_KEY,
        '--organization',
        '6f1c1f9e-3f7a-4d7c-9a57-0c6f3b1f2a10',
        '--plan',
        'team',
        '--seats',
        '0',
        '--until',
        '2099-01-01',
      ],
    ],
    [
      [
        '--key',
        TEST_KEY,
        '--organization',
        '6f1c1f9e-3f7a-4d7c-9a57-0c6f3b1f2a10',
        '--plan',
        'team',
        '--seats',
        '5',
        '--until',
        '31.12.2099',
      ],
    ],
  ])('refuses bad arguments %j', (argv) => {
    expect(() => issueLicense(argv)).toThrow();
  });
});
