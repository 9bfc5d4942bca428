import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's choice for one optional category; no row means the category's default. */
@Entity('mail_preferences')
export class MailPreferenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  category!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** 'console', 'unsubscribe-link' or 'one-click': how the choice was made. */
  @Column({ type: 'varchar', length: 24 })
  source!: string;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}
