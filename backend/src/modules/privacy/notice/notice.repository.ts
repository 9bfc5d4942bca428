import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { isUniqueViolation } from '#src/database/sql.js';
import { MonitoringNoticeEntity, NoticeAcknowledgementEntity } from '../entities/notice.entity.js';

export interface MissingAcknowledgement {
  id: string;
  fullName: string;
  email: string;
  teamId: string | null;
}

@Injectable()
export class NoticeRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get notices() {
    return this.dataSource.getRepository(MonitoringNoticeEntity);
  }

  /** The gate's one query: the current version and whether this person acknowledged it. */
  async gate(
    organizationId: string,
    employeeId: string,
  ): Promise<{ version: number; acknowledged: boolean; coversScreenshots: boolean } | null> {
    const rows = await this.dataSource.query<
      { version: number; acked: number | string; covers: number | boolean }[]
    >(
      'SELECT n.version AS version, n.coversScreenshots AS covers, (SELECT COUNT(*) FROM privacy_notice_acknowledgements a ' +
        'WHERE a.employeeId = ? AND a.version = n.version) AS acked FROM privacy_notices n ' +
        'WHERE n.organizationId = ? AND n.publishedAt IS NOT NULL ORDER BY n.version DESC LIMIT 1',
      [employeeId, organizationId],
    );
    const row = rows[0];
    return row
      ? {
          version: Number(row.version),
          acknowledged: Number(row.acked) > 0,
          coversScreenshots: Boolean(Number(row.covers)),
        }
      : null;
  }

  current(organizationId: string): Promise<MonitoringNoticeEntity | null> {
    return this.notices.findOne({
      where: { organizationId, publishedAt: Not(IsNull()) },
      order: { version: 'DESC' },
    });
  }

  list(organizationId: string): Promise<MonitoringNoticeEntity[]> {
    return this.notices.find({ where: { organizationId }, order: { version: 'DESC' } });
  }

  findById(organizationId: string, id: string): Promise<MonitoringNoticeEntity | null> {
    return this.notices.findOneBy({ organizationId, id });
  }

  async nextVersion(organizationId: string): Promise<number> {
    const latest = await this.notices.findOne({
      where: { organizationId },
      order: { version: 'DESC' },
    });
    return (latest?.version ?? 0) + 1;
  }

  /** False when another draft took that version number first. */
  async insert(notice: MonitoringNoticeEntity): Promise<boolean> {
    try {
      await this.notices.insert(notice);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async update(id: string, changes: Partial<MonitoringNoticeEntity>): Promise<void> {
    await this.notices.update({ id }, changes);
  }

  /** Idempotent per (employee, version, device). */
  async acknowledge(ack: NoticeAcknowledgementEntity): Promise<NoticeAcknowledgementEntity> {
    const repo = this.dataSource.getRepository(NoticeAcknowledgementEntity);
    try {
      await repo.insert(ack);
      return ack;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return repo.findOneByOrFail({
        employeeId: ack.employeeId,
        version: ack.version,
        deviceId: ack.deviceId,
      });
    }
  }

  /** Active employees with no acknowledgement of that version. */
  missing(organizationId: string, version: number): Promise<MissingAcknowledgement[]> {
    return this.dataSource.query<MissingAcknowledgement[]>(
      "SELECT e.id, e.fullName, e.email, e.teamId FROM employees e WHERE e.organizationId = ? AND e.status = 'active' " +
        'AND NOT EXISTS (SELECT 1 FROM privacy_notice_acknowledgements a WHERE a.employeeId = e.id AND a.version = ?) ' +
        'ORDER BY e.fullName',
      [organizationId, version],
    );
  }
}
