import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { BlurLevel } from './screenshot.entity.js';

/** The organization's screenshot settings (scope "organization") or one team's override (scope = team id). */
@Entity('screenshot_settings')
export class ScreenshotSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  scope!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'int' })
  intervalSeconds!: number;

  @Column({ type: 'boolean' })
  randomize!: boolean;

  @Column({ type: 'varchar', length: 16 })
  blur!: BlurLevel;

  @Column({ type: 'simple-json' })
  excludedApps!: string[];

  @Column({ type: 'simple-json' })
  excludedSites!: string[];

  @Column({ type: 'int' })
  retentionDays!: number;

  @Column({ type: 'int' })
  deleteWindowHours!: number;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}
