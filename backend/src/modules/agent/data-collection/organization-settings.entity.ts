import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const URL_MODES = ['full', 'host'] as const;
export type UrlMode = (typeof URL_MODES)[number];

/** What an organization's agents may send: enforced on the server, what is off is never stored. */
export interface CollectionSettings {
  collectTitles: boolean;
  urlMode: UrlMode;
}

export const DEFAULT_COLLECTION: CollectionSettings = { collectTitles: true, urlMode: 'full' };

/** What the agents' data may contain, enforced on the server: what is off is never stored. */
@Entity('organization_settings')
export class OrganizationSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'boolean', default: true })
  collectTitles!: boolean;

  /** 'host' stores only the site's host name in place of the URL. */
  @Column({ type: 'varchar', length: 8, default: 'full' })
  urlMode!: UrlMode;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}
