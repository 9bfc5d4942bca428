import { ChainVerifier, entryHash, GENESIS_HASH, type ChainedFields } from './audit-chain.js';

function chain(n: number) {
  const entries: (ChainedFields & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      organizationId: 'org',
      seq,
      at: 1_700_000_000_000 + seq,
      actorUserId: 'u',
      actorRole: 'admin',
      action: 'rule.created',
      targetType: 'rule',
      targetId: `t${seq}`,
      subjectEmployeeId: null,
      details: '{}',
    };
    const hash = entryHash(prev, fields);
    entries.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

function verify(entries: ReturnType<typeof chain>, head = entries.at(-1) ?? null) {
  const v = new ChainVerifier();
  for (const e of entries) v.push(e);
  return v.finish(head ? { seq: head.seq, hash: head.hash } : null);
}

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(verify(chain(5))).toBeNull();
  });

  it('detects an edited field', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], action: 'rule.deleted' };
    expect(verify(entries, chain(5)[4])).toEqual({ seq: 3, reason: 'hash-mismatch' });
  });

  it('detects a removed entry in the middle', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verify(entries)).toEqual({ seq: 3, reason: 'sequence-gap' });
  });

  it('detects removed newest entries against the head', () => {
    const entries = chain(5);
    expect(verify(entries.slice(0, 3), entries[4])?.reason).toBe('head-mismatch');
  });

  it('accepts a chain whose oldest entries were purged by retention', () => {
    expect(verify(chain(6).slice(3))).toBeNull();
  });

  it('covers the client address when recorded, and hashes entries without one as before', () => {
    const [entry] = chain(1);
    expect(entryHash(GENESIS_HASH, { ...entry, clientAddress: null })).toBe(entry.hash);
    const withAddress = { ...entry, clientAddress: '203.0.113.9' };
    const hash = entryHash(GENESIS_HASH, withAddress);
    expect(hash).not.toBe(entry.hash);
    expect(verify([{ ...withAddress, hash }])).toBeNull();
    expect(verify([{ ...withAddress, hash, clientAddress: '198.51.100.1' }])).toEqual({
      seq: 1,
      reason: 'hash-mismatch',
    });
  });
});
