import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One organization's LDAP / Active Directory settings. The bind password is sealed, never returned. */
@Entity('directory_configs')
export class DirectoryConfigEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** `console` (edited through the api) or `environment` (DIRECTORY_CONFIG_PATH; read-only in the api). */
  @Column({ type: 'varchar', length: 16 })
  source!: 'console' | 'environment';

  /** DirectorySettingsSchema as JSON (no password). */
  @Column({ type: 'text' })
  settings!: string;

  /** AES-256-GCM sealed bind password (see bind-password-box.ts); null: none. */
  @Column({ type: 'text', nullable: true, select: false })
  bindPasswordSealed!: string | null;

  @Column({ type: 'boolean', default: false })
  enabled!: boolean;

  @Column({ type: 'boolean', default: false })
  syncEnabled!: boolean;

  @Column({ type: 'datetime', nullable: true })
  nextSyncAt!: Date | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}

/** A console user (and tracked employee) that came from the directory. */
@Entity('directory_links')
@Index('ux_directory_links_org_key', ['organizationId', 'directoryKey'], { unique: true })
@Index('ix_directory_links_org_user', ['organizationId', 'userId'])
export class DirectoryLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** entryUUID / objectGUID (or DN): what identifies the person in the directory (ldap-directory.ts). */
  @Column({ type: 'varchar', length: 255 })
  directoryKey!: string;

  @Column({ type: 'varchar', length: 1000 })
  dn!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  employeeId!: string | null;

  /** `active`, or `deactivated` when the directory no longer admits the person. */
  @Column({ type: 'varchar', length: 16 })
  status!: 'active' | 'deactivated';

  @Column({ type: 'datetime' })
  lastSeenAt!: Date;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}

export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** One run of the directory sync and what it changed. */
@Entity('directory_sync_runs')
@Index('ix_directory_sync_runs_org_created', ['organizationId', 'createdAt'])
export class DirectorySyncRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** `manual` (run now) or `schedule`. */
  @Column({ type: 'varchar', length: 16 })
  trigger!: 'manual' | 'schedule';

  @Column({ type: 'varchar', length: 16 })
  status!: SyncRunStatus;

  @Column({ type: 'int', default: 0 })
  created!: number;

  @Column({ type: 'int', default: 0 })
  updated!: number;

  @Column({ type: 'int', default: 0 })
  deactivated!: number;

  @Column({ type: 'int', default: 0 })
  unchanged!: number;

  /** JSON array of { key, message } (at most 100). */
  @Column({ type: 'text' })
  errors!: string;

  @Column({ type: 'datetime', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
