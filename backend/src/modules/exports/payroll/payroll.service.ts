import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { ValidationFailedError } from '#src/common/errors/domain-error.js';
import { AttendanceService } from '#src/modules/working-time/attendance.service.js';
import type { AbsenceDay } from '#src/modules/working-time/attendance.service.js';
import type { AttendanceRowDto } from '#src/modules/working-time/dto/attendance.dto.js';
import type { CreatePayrollExportDto, PayrollPreviewDto } from '../dto/payroll.dto.js';
import type { ExportDto } from '../dto/export.dto.js';
import { PayrollMappingEntity } from '../entities/payroll-mapping.entity.js';
import type { ReportExportEntity } from '../entities/report-export.entity.js';
import { ExportsService } from '../exports.service.js';
import type { CsvDelimiter } from '#src/common/csv/spreadsheet-text.js';
import type { Cell, TableColumn } from '../writers/table.js';

/** What the export worker writes: ReportTables' TableSource (kept structural: no import cycle). */
interface PayrollTable {
  columns: TableColumn[];
  csvDelimiter: CsvDelimiter;
  batches(): AsyncGenerator<{ rows: Cell[][]; done: number }>;
}
import {
  DEFAULT_PAYROLL_MAPPING,
  FIELD_KINDS,
  mappingProblems,
  PAYROLL_FIELDS,
  type PayrollField,
  type PayrollMapping,
  payrollRecord,
  type PayrollRecord,
  sheetCells,
  textCells,
} from './payroll-mapping.js';

const ATTENDANCE_PAGE = 2000;
const PREVIEW_EMPLOYEES = 5;
const RECORD_BATCH = 200;

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Whole months only: a pay period is a calendar month. */
function isWholeMonth(from: string, to: string): boolean {
  return from.endsWith('-01') && monthRange(from.slice(0, 7)).to === to;
}

/**
 * The payroll export: per employee and month the attendance figures (regular hours, overtime from
 * the schedules, absences by kind), laid out as the organization's mapping says. The attendance
 * service gives the frozen figures of a locked month, so a payroll file of it never changes.
 */
@Injectable()
export class PayrollService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AttendanceService) private readonly attendance: AttendanceService,
    @Inject(ExportsService) private readonly exports: ExportsService,
  ) {}

  fields(): { field: PayrollField; kind: string }[] {
    return PAYROLL_FIELDS.map((field) => ({ field, kind: FIELD_KINDS[field] }));
  }

  async mapping(organizationId: string): Promise<PayrollMapping> {
    const row = await this.dataSource
      .getRepository(PayrollMappingEntity)
      .findOneBy({ organizationId });
    if (!row) return structuredClone(DEFAULT_PAYROLL_MAPPING);
    return JSON.parse(row.mapping) as PayrollMapping;
  }

  async saveMapping(p: Principal, mapping: PayrollMapping): Promise<PayrollMapping> {
    const clean = this.checked(mapping);
    await this.dataSource.getRepository(PayrollMappingEntity).save(
      Object.assign(new PayrollMappingEntity(), {
        organizationId: p.organizationId,
        mapping: JSON.stringify(clean),
        updatedByUserId: p.userId,
        updatedAt: Date.now(),
      }),
    );
    return clean;
  }

  /** Queues the month's payroll file; the worker writes it with progress like any export. */
  startExport(p: Principal, dto: CreatePayrollExportDto): Promise<ExportDto> {
    const { from, to } = monthRange(dto.month);
    return this.exports.create(p, { report: 'payroll', format: dto.format, from, to });
  }

  /** The first employees' lines as the file will have them (CSV text), for the mapping editor. */
  async preview(
    p: Principal,
    month: string,
    mapping: PayrollMapping | undefined,
    locked: boolean,
  ): Promise<PayrollPreviewDto> {
    const m = mapping ? this.checked(mapping) : await this.mapping(p.organizationId);
    const rows: string[][] = [];
    for await (const records of this.records(p, monthRange(month), PREVIEW_EMPLOYEES)) {
      for (const r of records.records) rows.push(textCells(r, m));
      if (rows.length >= PREVIEW_EMPLOYEES) break;
    }
    return {
      headers: m.columns.map((c) => c.header.trim()),
      rows: rows.slice(0, PREVIEW_EMPLOYEES),
      locked,
    };
  }

  /** The table the export worker writes (ReportTables hands payroll exports here). */
  async source(p: Principal, exp: ReportExportEntity): Promise<PayrollTable> {
    if (!isWholeMonth(exp.fromDay, exp.toDay)) {
      throw new ValidationFailedError([
        { path: 'from', message: 'a payroll export covers one calendar month' },
      ]);
    }
    const m = await this.mapping(exp.organizationId);
    const sheet = exp.format === 'xlsx';
    const numFmt =
      m.durationFormat === 'decimal-hours' && m.decimals > 0 ? `0.${'0'.repeat(m.decimals)}` : '0';
    const columns: TableColumn[] = m.columns.map(({ field, header }) => {
      const kind = FIELD_KINDS[field];
      const numeric =
        sheet && (kind === 'days' || (kind === 'duration' && m.durationFormat !== 'hh:mm'));
      return {
        header: header.trim(),
        kind: numeric ? 'number' : 'text',
        width: Math.max(10, Math.min(40, header.length + 2)),
        ...(numeric ? { numFmt: kind === 'days' ? '0' : numFmt } : {}),
      };
    });
    const records = () => this.records(p, { from: exp.fromDay, to: exp.toDay }, RECORD_BATCH);
    return {
      columns,
      csvDelimiter: m.csvDelimiter,
      async *batches(): AsyncGenerator<{ rows: Cell[][]; done: number }> {
        for await (const batch of records()) {
          yield {
            rows: batch.records.map((r) => (sheet ? sheetCells(r, m) : textCells(r, m))),
            done: batch.done,
          };
        }
      },
    };
  }

  /**
   * Every employee's record of the period, in batches of about `size` employees. An employee's
   * rows can span two attendance pages: a record is made once all of them are read.
   */
  private async *records(
    p: Principal,
    period: { from: string; to: string },
    size: number,
  ): AsyncGenerator<{ records: PayrollRecord[]; done: number }> {
    let current: {
      employee: { id: string; fullName: string };
      rows: AttendanceRowDto[];
      absences: AbsenceDay[];
    } | null = null;
    let out: PayrollRecord[] = [];
    const close = () => {
      if (current)
        out.push(payrollRecord(current.employee, current.rows, current.absences, period));
      current = null;
    };
    for await (const page of this.attendance.attendanceBatches(
      p,
      period,
      ATTENDANCE_PAGE,
      'replica',
    )) {
      for (const d of page.days) {
        if (current?.employee.id !== d.employee.id) {
          close();
          current = { employee: d.employee, rows: [], absences: [] };
        }
        current.rows.push(...d.rows);
        current.absences.push(...d.absences);
      }
      if (out.length >= size) {
        yield { records: out, done: page.done };
        out = [];
      }
    }
    close();
    if (out.length > 0) yield { records: out, done: 1 };
  }

  private checked(mapping: PayrollMapping): PayrollMapping {
    const problems = mappingProblems(mapping);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return {
      columns: mapping.columns.map((c) => ({ field: c.field, header: c.header.trim() })),
      dateFormat: mapping.dateFormat,
      durationFormat: mapping.durationFormat,
      decimalSeparator: mapping.decimalSeparator,
      decimals: mapping.decimals,
      csvDelimiter: mapping.csvDelimiter,
    };
  }
}
