import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TimesheetEntity, type TimesheetStatus } from './entities/timesheet.entity.js';
import { TimesheetSettingsEntity } from './entities/timesheet-settings.entity.js';

/** Submitted timesheets and the organization's timesheet settings. */
@Injectable()
export class TimesheetsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get sheets() {
    return this.dataSource.getRepository(TimesheetEntity);
  }

  private get settingsRepo() {
    return this.dataSource.getRepository(TimesheetSettingsEntity);
  }

  findById(organizationId: string, id: string): Promise<TimesheetEntity | null> {
    return this.sheets.findOneBy({ organizationId, id });
  }

  findFor(
    organizationId: string,
    employeeId: string,
    periodStart: string,
  ): Promise<TimesheetEntity | null> {
    return this.sheets.findOneBy({ organizationId, employeeId, periodStart });
  }

  /** Timesheets of the employee that cover any day of [fromDay, toDay]. */
  async covering(
    organizationId: string,
    employeeId: string,
    fromDay: string,
    toDay: string,
  ): Promise<TimesheetEntity[]> {
    return this.sheets
      .createQueryBuilder('t')
      .where('t.organizationId = :organizationId', { organizationId })
      .andWhere('t.employeeId = :employeeId', { employeeId })
      .andWhere('t.periodStart <= :toDay', { toDay })
      .andWhere('t.periodEnd >= :fromDay', { fromDay })
      .getMany();
  }

  async insert(sheet: TimesheetEntity): Promise<void> {
    await this.sheets.insert(sheet);
  }

  /** Moves a timesheet from one of the given states; false when it was no longer in one. */
  async transition(
    organizationId: string,
    id: string,
    from: TimesheetStatus[],
    changes: Partial<TimesheetEntity>,
  ): Promise<boolean> {
    const result = await this.sheets.update({ organizationId, id, status: In(from) }, changes);
    return (result.affected ?? 0) > 0;
  }

  async withStatus(
    organizationId: string,
    status: TimesheetStatus,
    employeeIds: string[] | 'all',
  ): Promise<TimesheetEntity[]> {
    if (employeeIds !== 'all' && employeeIds.length === 0) return [];
    const qb = this.sheets
      .createQueryBuilder('t')
      .where('t.organizationId = :organizationId', { organizationId })
      .andWhere('t.status = :status', { status });
    if (employeeIds !== 'all') qb.andWhere('t.employeeId IN (:...ids)', { ids: employeeIds });
    return qb
      .orderBy('t.periodStart', 'ASC')
      .addOrderBy('t.employeeId', 'ASC')
      .take(1000)
      .getMany();
  }

  async settings(organizationId: string): Promise<TimesheetSettingsEntity> {
    return (
      (await this.settingsRepo.findOneBy({ organizationId })) ??
      Object.assign(new TimesheetSettingsEntity(), {
        organizationId,
        trustManualTime: false,
        period: 'weekly',
        updatedByUserId: null,
      })
    );
  }

  async saveSettings(settings: TimesheetSettingsEntity): Promise<void> {
    await this.settingsRepo.save(settings);
  }
}
