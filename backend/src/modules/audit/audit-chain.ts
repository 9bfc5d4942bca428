import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers, in a fixed order. */
export interface ChainedFields {
  organizationId: string;
  seq: number;
  at: number;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  subjectEmployeeId: string | null;
  details: string;
  /** Where the request came from; in the hash only when recorded (older entries have none). */
  clientAddress?: string | null;
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.organizationId,
    e.seq,
    e.at,
    e.actorUserId,
    e.actorRole,
    e.action,
    e.targetType,
    e.targetId,
    e.subjectEmployeeId,
    e.details,
    // Appended only when present, so entries written before addresses were recorded keep their hash.
    ...(e.clientAddress ? [e.clientAddress] : []),
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: 'hash-mismatch' | 'previous-hash-mismatch' | 'sequence-gap' | 'head-mismatch';
}

/**
 * Checks entries in seq order. The first one may follow purged entries (retention): its prevHash is
 * then taken as the anchor; otherwise it must start from the genesis hash.
 */
export class ChainVerifier {
  private prev: { seq: number; hash: string } | null = null;
  checked = 0;
  broken: ChainBreak | null = null;

  push(e: ChainedFields & { prevHash: string; hash: string }): boolean {
    if (this.broken) return false;
    if (this.prev === null) {
      if (e.seq === 1 && e.prevHash !== GENESIS_HASH) {
        this.broken = { seq: e.seq, reason: 'previous-hash-mismatch' };
      }
    } else if (e.seq !== this.prev.seq + 1) {
      this.broken = { seq: e.seq, reason: 'sequence-gap' };
    } else if (e.prevHash !== this.prev.hash) {
      this.broken = { seq: e.seq, reason: 'previous-hash-mismatch' };
    }
    if (!this.broken && entryHash(e.prevHash, e) !== e.hash) {
      this.broken = { seq: e.seq, reason: 'hash-mismatch' };
    }
    this.prev = { seq: e.seq, hash: e.hash };
    this.checked++;
    return this.broken === null;
  }

  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    if (this.broken) return this.broken;
    if (head && (this.prev?.seq !== head.seq || this.prev.hash !== head.hash)) {
      // The newest entries were removed (or the tip edited).
      this.broken = { seq: this.prev?.seq ?? 0, reason: 'head-mismatch' };
    }
    return this.broken;
  }
}
