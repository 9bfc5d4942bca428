import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { UserEntity } from '../accounts/entities/user.entity.js';
import { ReportExportEntity, type ExportTotals } from './entities/report-export.entity.js';

export interface Requester {
  id: string;
  organizationId: string;
  role: UserEntity['role'];
  status: UserEntity['status'];
  employeeId: string | null;
  locale: string | null;
}

export interface ExportEmployee {
  id: string;
  fullName: string;
  timeZone: string;
}

/** Exports and their leases; the employee lists an export pages through. */
@Injectable()
export class ExportsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ReportExportEntity);
  }

  async insert(entity: ReportExportEntity): Promise<void> {
    // simple-json columns defeat TypeORM's deep-partial typing; the entity is complete.
    await this.repo.insert(entity);
  }

  countOpen(organizationId: string, userId: string): Promise<number> {
    return this.repo.countBy({
      organizationId,
      requestedByUserId: userId,
      status: In(['queued', 'running']),
    });
  }

  findById(organizationId: string, id: string): Promise<ReportExportEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  async listForUser(
    organizationId: string,
    userId: string,
    page: { page: number; pageSize: number },
  ): Promise<{ items: ReportExportEntity[]; total: number }> {
    const [items, total] = await this.repo.findAndCount({
      where: { organizationId, requestedByUserId: userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return { items, total };
  }

  /**
   * Takes the export for one run: a queued (or failed, when an admin retries) export, or a
   * running one whose lease ran out because its worker died. False when a live run holds it.
   */
  async claim(id: string, runToken: string, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(ReportExportEntity)
      .set({
        status: 'running',
        runToken,
        leaseUntil: new Date(now.getTime() + leaseMs),
        progress: 0,
        rowCount: 0,
        error: null,
        runs: () => 'runs + 1',
      })
      .where('id = :id', { id })
      .andWhere(
        new Brackets((qb) =>
          qb
            .where('status IN (:...open)', { open: ['queued', 'failed'] })
            .orWhere('(status = :running AND (leaseUntil IS NULL OR leaseUntil < :now))', {
              running: 'running',
              now,
            }),
        ),
      )
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Progress and lease renewal, by the run that holds the lease only. */
  async heartbeat(
    id: string,
    runToken: string,
    now: Date,
    leaseMs: number,
    progress?: { percent: number; rows: number },
  ): Promise<boolean> {
    const result = await this.repo.update(
      { id, runToken, status: 'running' },
      {
        leaseUntil: new Date(now.getTime() + leaseMs),
        ...(progress ? { progress: progress.percent, rowCount: progress.rows } : {}),
      },
    );
    return (result.affected ?? 0) === 1;
  }

  async complete(
    id: string,
    runToken: string,
    file: { path: string; size: number; rows: number; totals: ExportTotals | null },
    now: Date,
    expiresAt: Date,
    /** Runs in the same transaction once the export is completed (its domain event's rows). */
    onCompleted: (tx: EntityManager) => Promise<void> = () => Promise.resolve(),
  ): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const result = await tx.update(
        ReportExportEntity,
        { id, runToken, status: 'running' },
        {
          totals: file.totals,
          status: 'completed',
          progress: 100,
          rowCount: file.rows,
          filePath: file.path,
          fileSize: file.size,
          completedAt: now,
          expiresAt,
          leaseUntil: null,
          runToken: null,
        },
      );
      if ((result.affected ?? 0) !== 1) return false;
      await onCompleted(tx);
      return true;
    });
  }

  async fail(id: string, runToken: string | null, error: string): Promise<void> {
    await this.repo.update(
      { id, ...(runToken ? { runToken } : {}), status: In(['queued', 'running']) },
      { status: 'failed', error: error.slice(0, 2000), leaseUntil: null, runToken: null },
    );
  }

  /** Releases the lease of a run that stopped on purpose (shutdown), so the next run need not wait. */
  async release(id: string, runToken: string): Promise<void> {
    await this.repo.update({ id, runToken, status: 'running' }, { leaseUntil: null });
  }

  /** Exports whose job may have been lost: queued for a while, or running with a dead lease. */
  findStale(now: Date, queuedBefore: Date, limit: number): Promise<ReportExportEntity[]> {
    return this.repo
      .createQueryBuilder('e')
      .select(['e.id', 'e.organizationId'])
      .where('(e.status = :queued AND e.updatedAt < :queuedBefore)', {
        queued: 'queued',
        queuedBefore,
      })
      .orWhere('(e.status = :running AND (e.leaseUntil IS NULL OR e.leaseUntil < :now))', {
        running: 'running',
        now,
      })
      .orderBy('e.updatedAt', 'ASC')
      .limit(limit)
      .getMany();
  }

  findExpired(now: Date, limit: number): Promise<ReportExportEntity[]> {
    return this.repo.find({
      where: { status: 'completed', expiresAt: LessThan(now) },
      take: limit,
      order: { expiresAt: 'ASC' },
    });
  }

  async markExpired(id: string): Promise<void> {
    await this.repo.update(
      { id, status: 'completed' },
      { status: 'expired', filePath: null, fileSize: null },
    );
  }

  findRequester(organizationId: string, userId: string): Promise<Requester | null> {
    return this.dataSource.getRepository(UserEntity).findOne({
      where: { organizationId, id: userId },
      select: {
        id: true,
        organizationId: true,
        role: true,
        status: true,
        employeeId: true,
        locale: true,
      },
    });
  }

  async organizationLocale(organizationId: string): Promise<string | null> {
    const rows: { locale: string }[] = await this.dataSource.query(
      'SELECT locale FROM organizations WHERE id = ?',
      [organizationId],
    );
    return rows[0]?.locale ?? null;
  }

  /** One page of employees (by name), optionally limited to ids; a keyset on (fullName, id). */
  async employeePage(
    organizationId: string,
    ids: string[] | 'all',
    after: { fullName: string; id: string } | null,
    limit: number,
  ): Promise<ExportEmployee[]> {
    const qb = this.dataSource
      .getRepository(EmployeeEntity)
      .createQueryBuilder('e')
      .select(['e.id', 'e.fullName', 'e.timeZone'])
      .where('e.organizationId = :organizationId', { organizationId });
    if (ids !== 'all') {
      if (ids.length === 0) return [];
      qb.andWhere('e.id IN (:...ids)', { ids });
    }
    if (after) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('e.fullName > :name', { name: after.fullName })
            .orWhere('(e.fullName = :name AND e.id > :id)', { name: after.fullName, id: after.id }),
        ),
      );
    }
    return qb.orderBy('e.fullName', 'ASC').addOrderBy('e.id', 'ASC').limit(limit).getMany();
  }

  async countEmployees(organizationId: string, ids: string[] | 'all'): Promise<number> {
    if (ids !== 'all') return ids.length;
    return this.dataSource.getRepository(EmployeeEntity).countBy({ organizationId });
  }
}
