// The vendor's license tool: signs a license with the vendor's Ed25519 private key, or makes a key pair.
//   npm run license:issue -w backend -- --key vendor-private.pem --organization <uuid> \
//     --plan team --seats 10 --until 2027-12-31 [--from 2026-11-01] [--licensee "Acme Ltd"]
//   npm run license:issue -w backend -- --generate-key-pair <directory>
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { privateKeyFrom, signLicense, type LicenseClaims } from '../license/license-document.js';
import { PAID_PLANS, type PaidPlan } from '../plans.js';

function dayToIso(day: string, name: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`--${name} must be YYYY-MM-DD`);
  return new Date(`${day}T00:00:00.000Z`).toISOString();
}

export function issueLicense(argv: string[], now = new Date()): string {
  const { values } = parseArgs({
    args: argv,
    options: {
      key: { type: 'string' },
      organization: { type: 'string' },
      plan: { type: 'string' },
      seats: { type: 'string' },
      from: { type: 'string' },
      until: { type: 'string' },
      licensee: { type: 'string' },
      'generate-key-pair': { type: 'string' },
    },
  });
  const dir = values['generate-key-pair'];
  if (dir) {
    const pair = generateKeyPairSync('ed25519');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'license-private.pem'),
      pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
      { mode: 0o600 },
    );
    const pub = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(join(dir, 'license-public.pem'), pub);
    return pub;
  }
  if (!values.key || !values.organization || !values.plan || !values.seats || !values.until) {
    throw new Error(
      'needs --key, --organization, --plan, --seats and --until (see the header of this file)',
    );
  }
  if (!/^[0-9a-f-]{36}$/i.test(values.organization))
    throw new Error('--organization must be a UUID');
  if (!(PAID_PLANS as readonly string[]).includes(values.plan)) {
    throw new Error(`--plan must be one of ${PAID_PLANS.join(', ')}`);
  }
  const seats = Number(values.seats);
  if (!Number.isInteger(seats) || seats < 1) throw new Error('--seats must be a positive integer');
  const claims: LicenseClaims = {
    v: 1,
    licenseId: randomUUID(),
    organizationId: values.organization.toLowerCase(),
    licensee: values.licensee ?? '',
    plan: values.plan as PaidPlan,
    seats,
    validFrom: values.from
      ? dayToIso(values.from, 'from')
      : new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
    validUntil: dayToIso(values.until, 'until'),
    issuedAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
  };
  if (Date.parse(claims.validUntil) <= Date.parse(claims.validFrom)) {
    throw new Error('--until must be after --from');
  }
  return signLicense(claims, privateKeyFrom(readFileSync(values.key, 'utf8')));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(`${issueLicense(process.argv.slice(2))}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
