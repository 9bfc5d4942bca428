import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** IANA zone used for employees who have none of their own. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  defaultTimeZone!: string;

  /** en, ru or uk: the authoritative language of the organization's texts. */
  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale!: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
