import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One audit log entry. Append-only and hash-chained per organization: hash = SHA-256 over the
 * previous entry's hash and this entry's canonical fields, so editing or removing a row breaks the
 * chain. Entries hold ids, never names or emails, so erasing a person leaves the chain intact.
 */
@Entity('audit_entries')
@Index('ux_audit_entries_org_seq', ['organizationId', 'seq'], { unique: true })
@Index('ix_audit_entries_subject', ['subjectEmployeeId', 'at'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** 1, 2, 3 ... per organization. */
  @Column({ type: 'int' })
  seq!: number;

  /** Epoch milliseconds (exact in the hash on both databases). */
  @Column({ type: 'bigint' })
  at!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  targetId!: string | null;

  /** The person the action concerns, for "who viewed my data" and access requests. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  subjectEmployeeId!: string | null;

  /** Small, non-personal details (changed field names, a role, a report kind). */
  @Column({ type: 'text' })
  details!: string;

  /** The client address of the request that caused it (honouring TRUST_PROXY_HOPS), if any. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}

/** The tip of each organization's chain; locked while appending so entries never fork. */
@Entity('audit_heads')
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
