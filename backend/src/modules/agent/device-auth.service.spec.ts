import { UnauthorizedError } from '#src/common/errors/domain-error.js';
import { OrganizationClosedError } from '../accounts/organizations/organization-closed.error.js';
import { DeviceAuthService } from './device-auth.service.js';
import type { DeviceSession, DevicesRepository } from './devices.repository.js';
import { DEVICE_TOKEN_PREFIX, hashSecret, newSecret } from './secrets.js';

const session: DeviceSession = {
  deviceId: 'd1',
  organizationId: 'o1',
  employeeId: 'e1',
  collectTitles: true,
  urlMode: 'full',
};

class FakeDevices {
  sessions = new Map<string, DeviceSession>();
  closedUntil: Date | null = null;
  lookups = 0;
  touches: [string, Date, string | null][] = [];
  findSession(hash: string) {
    this.lookups++;
    const found = this.sessions.get(hash);
    return Promise.resolve(found ? { session: found, closedUntil: this.closedUntil } : null);
  }
  touch(id: string, at: Date, address: string | null) {
    this.touches.push([id, at, address]);
    return Promise.resolve();
  }
}

function setup() {
  const devices = new FakeDevices();
  const token = newSecret(DEVICE_TOKEN_PREFIX);
  devices.sessions.set(hashSecret(token), session);
  return { devices, token, auth: new DeviceAuthService(devices as unknown as DevicesRepository) };
}

describe('DeviceAuthService', () => {
  it('finds the device by the hash of its token', async () => {
    const { auth, token } = setup();
    await expect(auth.authenticate(token, '10.0.0.1', 0)).resolves.toEqual(session);
  });

  it.each([null, '', 'Bearer', 'ctd_short', `cte_${'a'.repeat(43)}`, `ctd_${'!'.repeat(43)}`])(
    'refuses %j without asking the database',
    async (value) => {
      const { auth, devices } = setup();
      await expect(auth.authenticate(value, null, 0)).rejects.toBeInstanceOf(UnauthorizedError);
      expect(devices.lookups).toBe(0);
    },
  );

  it('refuses a well-formed token it does not know (or no longer accepts)', async () => {
    const { auth } = setup();
    await expect(auth.authenticate(newSecret(DEVICE_TOKEN_PREFIX), null, 0)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('checks the database on every request, and records "last seen" at most once a minute', async () => {
    const { auth, devices, token } = setup();
    await auth.authenticate(token, 'a', 1_000);
    await auth.authenticate(token, 'b', 30_000);
    await auth.authenticate(token, 'c', 61_000);
    expect(devices.lookups).toBe(3);
    expect(devices.touches.map(([, at, address]) => [at.getTime(), address])).toEqual([
      [1_000, 'a'],
      [61_000, 'c'],
    ]);
  });

  it('refuses every device of a closed organization with 403 organization-closed', async () => {
    const { auth, devices, token } = setup();
    devices.closedUntil = new Date('2026-12-24T00:00:00Z');
    const refused = auth.authenticate(token, null, 0);
    await expect(refused).rejects.toBeInstanceOf(OrganizationClosedError);
    await expect(refused).rejects.toMatchObject({
      status: 403,
      code: 'organization-closed',
      extra: { purgeAt: '2026-12-24T00:00:00.000Z' },
    });
    expect(devices.touches).toHaveLength(0);
  });
});
