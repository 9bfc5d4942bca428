import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An uploaded, verified license; the newest upload of an organization is the one in force. */
@Entity('billing_licenses')
@Index('ix_billing_licenses_org', ['organizationId', 'uploadedAt'])
export class LicenseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 64 })
  licenseId!: string;

  @Column({ type: 'varchar', length: 200 })
  licensee!: string;

  @Column({ type: 'varchar', length: 16 })
  plan!: string;

  @Column({ type: 'int' })
  seats!: number;

  @Column({ type: 'datetime' })
  validFrom!: Date;

  @Column({ type: 'datetime' })
  validUntil!: Date;

  /** The signed document as uploaded, so it can be verified again at any time. */
  @Column({ type: 'text' })
  document!: string;

  @Column({ type: 'datetime' })
  uploadedAt!: Date;

  @Column({ type: 'varchar', length: 36 })
  uploadedByUserId!: string;
}
