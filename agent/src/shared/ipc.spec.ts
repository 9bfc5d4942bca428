import { INVOKE_CHANNELS, INVOKE_VALIDATORS } from './ipc.js';

describe('IPC payload validation', () => {
  it('declares each channel once', () => {
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
    expect(INVOKE_CHANNELS).toContain('settings:enroll');
  });

  it('accepts well-formed payloads', () => {
    expect(INVOKE_VALIDATORS['status:get'](null)).toBe(true);
    expect(INVOKE_VALIDATORS['notice:acknowledge']({ version: 3 })).toBe(true);
    expect(INVOKE_VALIDATORS['notice:acknowledge']({ version: '2026-11' })).toBe(true);
    expect(INVOKE_VALIDATORS['pause:set']({ paused: true })).toBe(true);
    expect(INVOKE_VALIDATORS['screenshots:list'](null)).toBe(true);
    expect(
      INVOKE_VALIDATORS['screenshots:delete']({ id: '3f1c2e4a-9b7d-4e21-8a55-0c6f1d2b3a4e' }),
    ).toBe(true);
    expect(
      INVOKE_VALIDATORS['settings:enroll']({
        serverUrl: 'https://ctx.example',
        enrollmentToken: 'tok',
        employeeEmail: 'ann@example.com',
      }),
    ).toBe(true);
  });

  it.each([
    ['status:get', { sneaky: 1 }],
    ['notice:acknowledge', {}],
    ['notice:acknowledge', { version: Number.NaN }],
    ['notice:acknowledge', { version: 'x'.repeat(101) }],
    ['notice:acknowledge', { version: 1, extra: true }],
    ['pause:set', { paused: 'yes' }],
    ['pause:set', [true]],
    ['settings:start-at-login', { enabled: 1 }],
    [
      'settings:enroll',
      { serverUrl: 'file:///etc/passwd', enrollmentToken: 't', employeeEmail: 'a@b' },
    ],
    ['settings:enroll', { serverUrl: 'https://a', enrollmentToken: '', employeeEmail: 'a@b' }],
    ['settings:enroll', { serverUrl: 'https://a', enrollmentToken: 't', employeeEmail: 'nobody' }],
    [
      'settings:enroll',
      { serverUrl: 'https://a', enrollmentToken: 't'.repeat(513), employeeEmail: 'a@b' },
    ],
    [
      'settings:enroll',
      { serverUrl: 'https://a', enrollmentToken: 't', employeeEmail: 'a@b', x: 1 },
    ],
    ['settings:enroll', 'https://a'],
    ['screenshots:delete', { id: '../../etc/passwd' }],
    ['screenshots:delete', { id: '' }],
    ['screenshots:delete', { id: 'a', extra: 1 }],
    ['screenshots:list', { all: true }],
  ] as const)('rejects %s with %j', (channel, payload) => {
    expect((INVOKE_VALIDATORS[channel] as (p: unknown) => boolean)(payload)).toBe(false);
  });
});
