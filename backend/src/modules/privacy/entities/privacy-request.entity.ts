import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const PRIVACY_REQUEST_TYPES = ['access', 'erasure', 'rectification'] as const;
export type PrivacyRequestType = (typeof PRIVACY_REQUEST_TYPES)[number];

export const PRIVACY_REQUEST_STATUSES = ['pending', 'processing', 'completed', 'rejected'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** What the erasure job found when it searched for the person after deleting them. */
export interface ErasureVerification {
  checkedAt: string;
  passed: boolean;
  tablesSearched: number;
  filesSearched: number;
  identifiersSearched: number;
  /** Where something was still found: table.column or a file path relative to DATA_DIR; never the value. */
  findings: string[];
  /** Per table and data directory, rows or files deleted. */
  deleted: Record<string, number>;
  /** Stores searched besides the database and DATA_DIR (the screenshot store, wherever it is). */
  storesSearched?: string[];
  /**
   * When the touched tables were rebuilt, so deleted rows left no bytes in free pages: at once on
   * SQLite (VACUUM); null on MySQL/MariaDB until the next `privacy.compact` run. Absent on
   * verifications written before this existed.
   */
  compactedAt?: string | null;
}

/**
 * An access, erasure or rectification request (privacy policy 3.5, 5.1, 5.2). After an erasure the
 * row is what remains of the person: ids and dates only, no name, email or content.
 */
@Entity('privacy_requests')
@Index('ix_privacy_requests_org_status', ['organizationId', 'status'])
@Index('ix_privacy_requests_employee', ['employeeId'])
export class PrivacyRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: PrivacyRequestType;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: PrivacyRequestStatus;

  /** Free text from the filer (what to rectify); cleared when the person is erased. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Null once that login is gone (erased or filed by the erased person). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  filedByUserId!: string | null;

  @Column({ type: 'datetime' })
  dueAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectionReason!: string | null;

  /** The access ZIP, relative to DATA_DIR. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  resultFile!: string | null;

  @Column({ type: 'datetime', nullable: true })
  downloadExpiresAt!: Date | null;

  @Column({ type: 'simple-json', nullable: true })
  verification!: ErasureVerification | null;

  /** Reminder mails already sent: 7 and 1 days before due. */
  @Column({ type: 'boolean', default: false })
  reminded7!: boolean;

  @Column({ type: 'boolean', default: false })
  reminded1!: boolean;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}

/** A legal hold on an employee blocks erasure (the request is rejected with this reason). */
@Entity('privacy_legal_holds')
@Index('ix_privacy_legal_holds_org', ['organizationId'])
export class LegalHoldEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  setByUserId!: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
