import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AbsenceEntity, type AbsenceStatus } from './entities/absence.entity.js';

export interface AbsenceFilter {
  /** Only these employees ('all': the organization); empty matches nothing. */
  employeeIds: string[] | 'all';
  /** Absences ending on or after this day. */
  from?: string;
  /** Absences starting on or before this day. */
  to?: string;
  status?: AbsenceStatus;
}

/** Absences; every query is scoped by organization. */
@Injectable()
export class AbsencesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(AbsenceEntity);
  }

  async insert(absence: AbsenceEntity): Promise<void> {
    await this.repo.insert(absence);
  }

  findById(organizationId: string, id: string): Promise<AbsenceEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  async list(organizationId: string, filter: AbsenceFilter): Promise<AbsenceEntity[]> {
    if (filter.employeeIds !== 'all' && filter.employeeIds.length === 0) return [];
    const out: AbsenceEntity[] = [];
    const chunks =
      filter.employeeIds === 'all'
        ? [null]
        : Array.from({ length: Math.ceil(filter.employeeIds.length / 1000) }, (_, i) =>
            (filter.employeeIds as string[]).slice(i * 1000, i * 1000 + 1000),
          );
    for (const chunk of chunks) {
      const qb = this.repo
        .createQueryBuilder('a')
        .where('a.organizationId = :organizationId', { organizationId });
      if (chunk) qb.andWhere('a.employeeId IN (:...ids)', { ids: chunk });
      if (filter.from) qb.andWhere('a.toDay >= :from', { from: filter.from });
      if (filter.to) qb.andWhere('a.fromDay <= :to', { to: filter.to });
      if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
      out.push(...(await qb.getMany()));
    }
    return out.sort(
      (a, b) =>
        a.fromDay.localeCompare(b.fromDay) ||
        a.employeeId.localeCompare(b.employeeId) ||
        a.id.localeCompare(b.id),
    );
  }

  /** Moves a requested absence to a decision; false when it was no longer requested. */
  async decide(
    organizationId: string,
    id: string,
    status: AbsenceStatus,
    userId: string,
  ): Promise<boolean> {
    const result = await this.repo.update(
      { organizationId, id, status: 'requested' },
      { status, decidedByUserId: userId },
    );
    return (result.affected ?? 0) > 0;
  }
}
