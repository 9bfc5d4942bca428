import { isRefusal, WebhookUrlPolicy } from './url-policy.js';

const resolver =
  (answers: Record<string, string[]>) =>
  (host: string): Promise<{ address: string; family: number }[]> =>
    Promise.resolve(
      (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('WebhookUrlPolicy', () => {
  const publicOnly = new WebhookUrlPolicy(
    [],
    resolver({
      'hooks.example.com': ['93.184.215.14'],
      'mixed.example.com': ['93.184.215.14', '10.0.0.7'],
      'metadata.example.com': ['169.254.169.254'],
    }),
  );

  it.each([
    '127.0.0.1',
    '127.9.9.9',
    '::1',
    '169.254.169.254',
    'fe80::1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.0.1',
    '100.64.0.1',
    '0.0.0.0',
    '::',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '224.0.0.1',
    '255.255.255.255',
  ])('refuses %s by default', (address) => {
    expect(publicOnly.allows(address)).toBe(false);
  });

  it.each(['93.184.215.14', '2606:2800:220:1:248:1893:25c8:1946'])('allows public %s', (a) => {
    expect(publicOnly.allows(a)).toBe(true);
  });

  it('checks every address a host resolves to', async () => {
    expect(isRefusal(await publicOnly.check('https://hooks.example.com/x'))).toBe(false);
    const mixed = await publicOnly.check('https://mixed.example.com/x');
    expect(mixed).toMatchObject({ reason: 'address', address: '10.0.0.7' });
    expect(await publicOnly.check('http://metadata.example.com/')).toMatchObject({
      reason: 'address',
    });
    expect(await publicOnly.check('http://nowhere.example.com/')).toMatchObject({
      reason: 'unresolvable',
    });
    expect(await publicOnly.check('ftp://hooks.example.com/')).toMatchObject({ reason: 'scheme' });
    expect(await publicOnly.check('http://a:b@hooks.example.com/')).toMatchObject({
      reason: 'credentials',
    });
  });

  it('refuses at delivery time when the DNS answer changed to a private address (rebinding)', async () => {
    let answer = '93.184.215.14';
    const policy = new WebhookUrlPolicy([], (host) =>
      Promise.resolve(host === 'rebind.example.com' ? [{ address: answer, family: 4 }] : []),
    );
    const first = await policy.check('http://rebind.example.com/x');
    expect(first).toMatchObject({ addresses: [{ address: '93.184.215.14', family: 4 }] });
    answer = '127.0.0.1';
    expect(await policy.check('http://rebind.example.com/x')).toMatchObject({
      reason: 'address',
      address: '127.0.0.1',
    });
  });

  it('allows what IT listed in WEBHOOKS_ALLOWED_NETWORKS, and nothing more', () => {
    const policy = new WebhookUrlPolicy(['127.0.0.0/8', '10.20.0.0/16', 'fd00::/8']);
    expect(policy.allows('127.0.0.1')).toBe(true);
    expect(policy.allows('::ffff:127.0.0.1')).toBe(true);
    expect(policy.allows('10.20.3.4')).toBe(true);
    expect(policy.allows('fd12::1')).toBe(true);
    expect(policy.allows('10.21.0.1')).toBe(false);
    expect(policy.allows('169.254.169.254')).toBe(false);
    expect(policy.allows('::1')).toBe(false);
  });
});
