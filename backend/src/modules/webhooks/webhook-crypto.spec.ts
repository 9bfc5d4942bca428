import { createHmac } from 'node:crypto';
import { newWebhookSecret, signPayload, verifySignature } from './webhook-crypto.js';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = '{"id":"e1","type":"employee.created"}';

  it('signs `timestamp.body` with HMAC-SHA256', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signPayload(secret, 1_700_000_000, body)).toBe(`v1=${expected}`);
  });

  it('verifies within the tolerance only, and only the same body and secret', () => {
    const header = signPayload(secret, 1_700_000_000, body);
    expect(verifySignature(secret, header, '1700000000', body, 1_700_000_100)).toBe(true);
    expect(verifySignature(secret, header, '1700000000', body, 1_700_000_301)).toBe(false);
    expect(verifySignature(secret, header, '1700000001', body, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, header, '1700000000', `${body} `, 1_700_000_000)).toBe(false);
    expect(verifySignature(newWebhookSecret(), header, '1700000000', body, 1_700_000_000)).toBe(
      false,
    );
  });
});
