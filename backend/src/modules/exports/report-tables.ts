import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import { addDays, daysBetween, formatInZone } from '../activity/counting/time-zone.js';
import { ReportsService } from '../reports/reports.service.js';
import { AttendanceService } from '../working-time/attendance.service.js';
import type { ExportTotals, ReportExportEntity } from './entities/report-export.entity.js';
import { EXPORT_TEXTS } from './export-texts.js';
import { ExportsRepository, type ExportEmployee } from './exports.repository.js';
import type { CsvDelimiter } from '#src/common/csv/spreadsheet-text.js';
import { PayrollService } from './payroll/payroll.service.js';
import type { Cell, ExportLocale, TableColumn } from './writers/table.js';

// Employees per summary query: bounded memory, and progress the user can watch.
const EMPLOYEE_PAGE = 100;
const ROW_BATCH = 500;
// Attendance rows per page read from the working-time module (about 65 employee-months).
const ATTENDANCE_PAGE = 2000;

export interface TableBatch {
  rows: Cell[][];
  /** Share of the work done after this batch, 0-1. */
  done: number;
}

export interface TableSource {
  columns: TableColumn[];
  /** CSV only: a separator other than the locale's (the payroll mapping's). */
  csvDelimiter?: CsvDelimiter;
  batches(): AsyncGenerator<TableBatch>;
  /**
   * What a scheduled mail quotes (employees with activity, active and productive time), for
   * reports whose rows do not hold it; a summary's totals are added up from its rows.
   */
  mailTotals?(): Promise<ExportTotals>;
}

/** Summary rows are [name, active, idle, productive, ...]. */
export function addSummaryTotals(totals: ExportTotals, rows: Cell[][]): void {
  for (const row of rows) {
    totals.employees += 1;
    totals.activeSeconds += Number(row[1] ?? 0);
    totals.productiveSeconds += Number(row[3] ?? 0);
  }
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
    @Inject(AttendanceService) private readonly attendance: AttendanceService,
    @Inject(PayrollService) private readonly payroll: PayrollService,
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
      case 'attendance':
        return this.attendanceRows(p, exp, locale);
      case 'attendance-totals':
        return this.attendanceTotals(p, exp, locale);
      case 'payroll':
        return this.payroll.source(p, exp);
    }
  }

  /** One row per employee and day, the rows of GET /reports/attendance with the employee's name. */
  private attendanceRows(p: Principal, exp: ReportExportEntity, locale: ExportLocale): TableSource {
    const texts = EXPORT_TEXTS[locale];
    const t = texts.columns;
    const pages = () =>
      this.attendance.attendanceBatches(p, this.attendanceRange(exp), ATTENDANCE_PAGE, 'replica');
    return {
      columns: [
        { header: t.employee, kind: 'text', width: 24 },
        { header: t.day, kind: 'date', width: 11 },
        { header: t.status, kind: 'text', width: 16 },
        { header: t.scheduledHours, kind: 'hours', width: 11 },
        { header: t.workedHours, kind: 'hours', width: 11 },
        { header: t.arrived, kind: 'datetime', width: 19 },
        { header: t.left, kind: 'datetime', width: 19 },
        { header: t.lateHours, kind: 'hours', width: 10 },
        { header: t.earlyLeaveHours, kind: 'hours', width: 11 },
        { header: t.overtimeHours, kind: 'hours', width: 11 },
      ],
      async *batches() {
        for await (const page of pages()) {
          const rows: Cell[][] = [];
          for (const { employee, rows: days } of page.days) {
            // Arrival and departure as the employee's wall clock, like the other reports' times.
            const local = (iso: string | null) =>
              iso === null ? null : formatInZone(employee.timeZone, Date.parse(iso));
            for (const r of days) {
              rows.push([
                employee.fullName,
                r.date,
                texts.statuses[r.status],
                r.scheduledSeconds,
                r.workedSeconds,
                local(r.arrivedAt),
                local(r.leftAt),
                r.lateSeconds,
                r.earlyLeaveSeconds,
                r.overtimeSeconds,
              ]);
            }
          }
          yield { rows, done: page.done };
        }
      },
      mailTotals: () => this.summaryTotals(p, exp, locale),
    };
  }

  /** One row per employee: the items of GET /reports/attendance/totals. */
  private attendanceTotals(
    p: Principal,
    exp: ReportExportEntity,
    locale: ExportLocale,
  ): TableSource {
    const t = EXPORT_TEXTS[locale].columns;
    const pages = () =>
      this.attendance.totalsBatches(p, this.attendanceRange(exp), EMPLOYEE_PAGE, 'replica');
    return {
      columns: [
        { header: t.employee, kind: 'text', width: 24 },
        { header: t.scheduledHours, kind: 'hours', width: 11 },
        { header: t.workedHours, kind: 'hours', width: 11 },
        { header: t.overtimeHours, kind: 'hours', width: 11 },
        { header: t.balanceHours, kind: 'hours', width: 10 },
        { header: t.daysScheduled, kind: 'integer', width: 9 },
        { header: t.daysPresent, kind: 'integer', width: 9 },
        { header: t.daysLate, kind: 'integer', width: 9 },
        { header: t.daysAbsent, kind: 'integer', width: 9 },
        { header: t.daysOnLeave, kind: 'integer', width: 9 },
        { header: t.daysHoliday, kind: 'integer', width: 9 },
        { header: t.lateHours, kind: 'hours', width: 9 },
        { header: t.earlyLeaveHours, kind: 'hours', width: 10 },
      ],
      async *batches() {
        for await (const page of pages()) {
          yield {
            rows: page.items.map((i) => [
              i.fullName,
              i.scheduledSeconds,
              i.workedSeconds,
              i.overtimeSeconds,
              i.balanceSeconds,
              i.daysScheduled,
              i.daysPresent,
              i.daysLate,
              i.daysAbsent,
              i.daysOnLeave,
              i.daysHoliday,
              i.lateSeconds,
              i.earlyLeaveSeconds,
            ]),
            done: page.done,
          };
        }
      },
      mailTotals: () => this.summaryTotals(p, exp, locale),
    };
  }

  private attendanceRange(exp: ReportExportEntity) {
    return {
      from: exp.fromDay,
      to: exp.toDay,
      teamId: exp.filters.teamId,
      employeeId: exp.filters.employeeId,
    };
  }

  /** The summary's totals of the export's scope and days (employees with activity). */
  private async summaryTotals(
    p: Principal,
    exp: ReportExportEntity,
    locale: ExportLocale,
  ): Promise<ExportTotals> {
    const totals: ExportTotals = { employees: 0, activeSeconds: 0, productiveSeconds: 0 };
    const summary = await this.summary(p, exp, locale);
    for await (const batch of summary.batches()) addSummaryTotals(totals, batch.rows);
    return totals;
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
