import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const BLUR_LEVELS = ['none', 'blurred', 'thumbnails'] as const;
export type BlurLevel = (typeof BLUR_LEVELS)[number];

/**
 * One capture uploaded by an agent. The id is the agent's own UUID (a re-send is a duplicate). The
 * bytes live in the screenshot store under imageKey / thumbnailKey; with blur "thumbnails" no full
 * image is kept, with "blurred" only blurred versions are.
 */
@Entity('screenshots')
@Index('ix_screenshots_org_employee_captured', ['organizationId', 'employeeId', 'capturedAt'])
@Index('ix_screenshots_org_captured', ['organizationId', 'capturedAt'])
@Index('ix_screenshots_device', ['deviceId'])
export class ScreenshotEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'varchar', length: 36 })
  deviceId!: string;

  /** The employee's team when captured: its retention applies. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId!: string | null;

  @Column({ type: 'datetime' })
  capturedAt!: Date;

  @Column({ type: 'int' })
  width!: number;

  @Column({ type: 'int' })
  height!: number;

  @Column({ type: 'varchar', length: 16 })
  blur!: BlurLevel;

  @Column({ type: 'varchar', length: 255, nullable: true })
  imageKey!: string | null;

  @Column({ type: 'varchar', length: 255 })
  thumbnailKey!: string;

  /** Bytes kept in the store (image and thumbnail). */
  @Column({ type: 'int' })
  storedBytes!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
