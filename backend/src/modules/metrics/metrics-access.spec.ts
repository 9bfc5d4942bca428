import { isDirectLocalRequest, metricsDenial } from './metrics-access.js';

const closed = { token: null, public: false, port: 0, host: null } as never;

describe('isDirectLocalRequest', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])(
    '%s without proxy headers is local',
    (a) => expect(isDirectLocalRequest(a, {})).toBe(true),
  );
  it.each(['10.0.0.5', '::ffff:10.0.0.5', '192.168.1.2', 'fe80::1', '', undefined])(
    '%s is not local',
    (a) => expect(isDirectLocalRequest(a, {})).toBe(false),
  );
  it('a loopback peer that forwards for someone (a proxy on this host) is not local', () => {
    expect(isDirectLocalRequest('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(false);
    expect(isDirectLocalRequest('::1', { forwarded: 'for=1.2.3.4' })).toBe(false);
    expect(isDirectLocalRequest('::1', { 'x-real-ip': '1.2.3.4' })).toBe(false);
  });
});

describe('metricsDenial', () => {
  it('closes the api port to remote callers and opens it to direct local ones', () => {
    expect(metricsDenial(closed, 'api', undefined, false)?.status).toBe(401);
    expect(metricsDenial(closed, 'api', undefined, true)).toBeNull();
  });
  it('a configured token is required even locally', () => {
    const withToken = { ...(closed as object), token: 't'.repeat(20) } as never;
    expect(metricsDenial(withToken, 'api', undefined, true)?.status).toBe(401);
    expect(metricsDenial(withToken, 'api', `Bearer ${'t'.repeat(20)}`, false)).toBeNull();
  });
});
