import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import { addDays, daysBetween } from '../activity/counting/time-zone.js';
import { ReportsService } from '../reports/reports.service.js';
import type { ReportExportEntity } from './entities/report-export.entity.js';
import { EXPORT_TEXTS } from './export-texts.js';
import { ExportsRepository, type ExportEmployee } from './exports.repository.js';
import type { Cell, ExportLocale, TableColumn } from './writers/table.js';

// Employees per summary query: bounded memory, and progress the user can watch.
const EMPLOYEE_PAGE = 100;
const ROW_BATCH = 500;

export interface TableBatch {
  rows: Cell[][];
  /** Share of the work done after this batch, 0-1. */
  done: number;
}

export interface TableSource {
  columns: TableColumn[];
  batches(): AsyncGenerator<TableBatch>;
}

/**
 * Turns an export into a stream of table rows, asking the reports service page by page with the
 * requester's own rights, so a file never holds more than they may see.
 */
@Injectable()
export class ReportTables {
  constructor(
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(ExportsRepository) private readonly repository: ExportsRepository,
  ) {}

  async open(p: Principal, exp: ReportExportEntity): Promise<TableSource> {
    const locale = exp.locale as ExportLocale;
    switch (exp.report) {
      case 'summary':
        return this.summary(p, exp, locale);
      case 'usage':
        return this.usage(p, exp, locale);
      case 'timeline':
        return this.timeline(p, exp, locale);
    }
  }

  private async summary(
    p: Principal,
    exp: ReportExportEntity,
    locale: ExportLocale,
  ): Promise<TableSource> {
    const t = EXPORT_TEXTS[locale].columns;
    const teamId = exp.filters.teamId;
    const ids = await this.scope.employeeIdsOf(p, await this.scope.resolveScope(p, exp.filters));
    const total = await this.repository.countEmployees(p.organizationId, ids);
    const reports = this.reports;
    const employees = this.employees(p.organizationId, ids);
    return {
      columns: [
        { header: t.employee, kind: 'text', width: 28 },
        { header: t.activeHours, kind: 'hours', width: 11 },
        { header: t.idleHours, kind: 'hours', width: 11 },
        { header: t.productiveHours, kind: 'hours', width: 13 },
        { header: t.neutralHours, kind: 'hours', width: 12 },
        { header: t.unproductiveHours, kind: 'hours', width: 14 },
        { header: t.firstActivity, kind: 'datetime', width: 19 },
        { header: t.lastActivity, kind: 'datetime', width: 19 },
      ],
      async *batches() {
        let seen = 0;
        for await (const page of employees) {
          const summary = await reports.summary(p, {
            from: exp.fromDay,
            to: exp.toDay,
            teamId,
            employeeIds: page.map((e) => e.id),
          });
          seen += page.length;
          yield {
            rows: summary.rows.map((r) => [
              r.fullName,
              r.activeSeconds,
              r.idleSeconds,
              r.productiveSeconds,
              r.neutralSeconds,
              r.unproductiveSeconds,
              r.firstActivityAt,
              r.lastActivityAt,
            ]),
            done: total === 0 ? 1 : Math.min(1, seen / total),
          };
        }
      },
    };
  }

  private async usage(
    p: Principal,
    exp: ReportExportEntity,
    locale: ExportLocale,
  ): Promise<TableSource> {
    const texts = EXPORT_TEXTS[locale];
    const t = texts.columns;
    const usage = await this.reports.usage(p, {
      from: exp.fromDay,
      to: exp.toDay,
      teamId: exp.filters.teamId,
      employeeId: exp.filters.employeeId,
    });
    return {
      columns: [
        { header: t.kind, kind: 'text', width: 14 },
        { header: t.name, kind: 'text', width: 48 },
        { header: t.hours, kind: 'hours', width: 12 },
        { header: t.productivity, kind: 'text', width: 16 },
      ],
      async *batches() {
        const rows = usage.rows;
        if (rows.length === 0) yield { rows: [], done: 1 };
        for (let i = 0; i < rows.length; i += ROW_BATCH) {
          await Promise.resolve();
          yield {
            rows: rows
              .slice(i, i + ROW_BATCH)
              .map((r) => [texts.values[r.kind], r.name, r.seconds, texts.values[r.productivity]]),
            done: Math.min(1, (i + ROW_BATCH) / rows.length),
          };
        }
      },
    };
  }

  private async timeline(
    p: Principal,
    exp: ReportExportEntity,
    locale: ExportLocale,
  ): Promise<TableSource> {
    const texts = EXPORT_TEXTS[locale];
    const t = texts.columns;
    const ids = await this.scope.employeeIdsOf(p, await this.scope.resolveScope(p, exp.filters));
    const total = await this.repository.countEmployees(p.organizationId, ids);
    const days = daysBetween(exp.fromDay, exp.toDay) + 1;
    const reports = this.reports;
    const employees = this.employees(p.organizationId, ids);
    return {
      columns: [
        { header: t.employee, kind: 'text', width: 22 },
        { header: t.day, kind: 'date', width: 11 },
        { header: t.start, kind: 'datetime', width: 19 },
        { header: t.end, kind: 'datetime', width: 19 },
        { header: t.seconds, kind: 'integer', width: 10 },
        { header: t.kind, kind: 'text', width: 10 },
        { header: t.app, kind: 'text', width: 18 },
        { header: t.site, kind: 'text', width: 18 },
        { header: t.title, kind: 'text', width: 36 },
        { header: t.url, kind: 'text', width: 30 },
        { header: t.productivity, kind: 'text', width: 13 },
      ],
      async *batches() {
        let index = 0;
        for await (const page of employees) {
          for (const employee of page) {
            for (let d = 0; d < days; d += 1) {
              const day = addDays(exp.fromDay, d);
              const timeline = await reports.timeline(p, { employeeId: employee.id, day });
              yield {
                rows: timeline.spans.map((s) => [
                  employee.fullName,
                  day,
                  s.start,
                  s.end,
                  s.seconds,
                  texts.values[s.kind],
                  s.app,
                  s.site,
                  s.title,
                  s.url,
                  s.productivity ? texts.values[s.productivity] : null,
                ]),
                done: Math.min(1, (index * days + d + 1) / (Math.max(total, 1) * days)),
              };
            }
            index += 1;
          }
        }
        if (index === 0) yield { rows: [], done: 1 };
      },
    };
  }

  /** Employees in name order, a page at a time. */
  private async *employees(
    organizationId: string,
    ids: string[] | 'all',
  ): AsyncGenerator<ExportEmployee[]> {
    let after: ExportEmployee | null = null;
    for (;;) {
      const page = await this.repository.employeePage(organizationId, ids, after, EMPLOYEE_PAGE);
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1];
      if (page.length < EMPLOYEE_PAGE) return;
    }
  }
}
