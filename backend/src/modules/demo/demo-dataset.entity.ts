import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DemoState = 'loading' | 'loaded' | 'failed' | 'removing';

/**
 * The marker of an organization's demo data: what the demo created besides its employees (whose
 * emails end in @demo.calltimex.invalid), so that removal takes exactly that. One row at most per
 * organization; gone once the demo is removed.
 */
@Entity('demo_datasets')
export class DemoDatasetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: DemoState;

  @Column({ type: 'int' })
  seed!: number;

  @Column({ type: 'int' })
  employeesWanted!: number;

  @Column({ type: 'int' })
  days!: number;

  /** Done steps out of `progressTotal` (one per employee loaded, or removed). */
  @Column({ type: 'int', default: 0 })
  progressDone!: number;

  @Column({ type: 'int', default: 0 })
  progressTotal!: number;

  @Column({ type: 'simple-json' })
  teamIds!: string[];

  @Column({ type: 'simple-json' })
  ruleIds!: string[];

  @Column({ type: 'varchar', length: 36, nullable: true })
  enrollmentTokenId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  noticeId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Column({ type: 'datetime' })
  startedAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
