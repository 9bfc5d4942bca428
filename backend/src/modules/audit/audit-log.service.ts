import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  CSV_DELIMITER,
  formatDateTime,
  isCsvLocale,
  type CsvLocale,
} from '#src/common/csv/locale-format.js';
import { csvRecord } from '#src/common/csv/spreadsheet-text.js';
import { ValidationFailedError } from '#src/common/errors/domain-error.js';
import { EmployeesService } from '../accounts/employees/employees.service.js';
import { OrganizationsService } from '../accounts/organizations/organizations.service.js';
import { TeamsService } from '../accounts/teams/teams.service.js';
import { UsersService } from '../accounts/users/users.service.js';
import type { AuditEntryEntity } from './audit-entry.entity.js';
import {
  toAuditEntryDto,
  type AuditEntryDto,
  type AuditExportQueryDto,
  type AuditFilterQueryDto,
  type AuditNames,
  type AuditPageDto,
} from './audit.dto.js';
import type { AuditFilter } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** At most this many entries per CSV export; a narrower filter gets the rest. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

const CSV_COLUMNS = [
  'seq',
  'time',
  'at',
  'action',
  'actorUserId',
  'actorName',
  'actorEmail',
  'actorRole',
  'targetType',
  'targetId',
  'targetName',
  'subjectEmployeeId',
  'subjectEmployeeName',
  'clientAddress',
  'details',
  'hash',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The header row in the reader's language. `time` is the entry's time as people read dates in that
 * language, in UTC (said in the header); `at` is the same instant in ISO 8601, for machines.
 */
const CSV_HEADERS: Record<CsvLocale, Record<CsvColumn, string>> = {
  en: {
    seq: 'No.',
    time: 'Time (UTC)',
    at: 'Time (ISO 8601)',
    action: 'Action',
    actorUserId: 'User ID',
    actorName: 'Performed by',
    actorEmail: 'Email',
    actorRole: 'Role',
    targetType: 'Object type',
    targetId: 'Object ID',
    targetName: 'Object',
    subjectEmployeeId: 'Employee ID',
    subjectEmployeeName: 'Employee',
    clientAddress: 'Client address',
    details: 'Details',
    hash: 'Hash',
  },
  ru: {
    seq: '№',
    time: 'Время (UTC)',
    at: 'Время (ISO 8601)',
    action: 'Действие',
    actorUserId: 'ID пользователя',
    actorName: 'Кто выполнил',
    actorEmail: 'Эл. почта',
    actorRole: 'Роль',
    targetType: 'Тип объекта',
    targetId: 'ID объекта',
    targetName: 'Объект',
    subjectEmployeeId: 'ID сотрудника',
    subjectEmployeeName: 'Сотрудник',
    clientAddress: 'Адрес клиента',
    details: 'Подробности',
    hash: 'Хеш',
  },
  uk: {
    seq: '№',
    time: 'Час (UTC)',
    at: 'Час (ISO 8601)',
    action: 'Дія',
    actorUserId: 'ID користувача',
    actorName: 'Хто виконав',
    actorEmail: 'Ел. пошта',
    actorRole: 'Роль',
    targetType: 'Тип об’єкта',
    targetId: 'ID об’єкта',
    targetName: 'Об’єкт',
    subjectEmployeeId: 'ID працівника',
    subjectEmployeeName: 'Працівник',
    clientAddress: 'Адреса клієнта',
    details: 'Подробиці',
    hash: 'Геш',
  },
};

export interface AuditCsv {
  stream: Readable;
  fileName: string;
  rows: number;
  truncated: boolean;
}

/**
 * The audit log as people read it: filtered, with the names of who acted and whose data it was,
 * read through the accounts module's services (entries themselves keep ids only).
 */
@Injectable()
export class AuditLogService {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(EmployeesService) private readonly employees: EmployeesService,
    @Inject(TeamsService) private readonly teams: TeamsService,
    @Inject(OrganizationsService) private readonly organizations: OrganizationsService,
  ) {}

  async list(
    p: Principal,
    q: AuditFilterQueryDto & { page: number; pageSize: number },
  ): Promise<AuditPageDto> {
    const filter = toFilter(q);
    const result = await this.audit.list(p.organizationId, filter, q);
    const names = await this.namesFor(p.organizationId, result.items);
    return { ...result, items: result.items.map((e) => toAuditEntryDto(e, names)) };
  }

  /**
   * A CSV of the matching entries, newest first, in the reader's language (headers, list
   * separator, dates); the export itself is an audit entry.
   */
  async exportCsv(p: Principal, q: AuditExportQueryDto, now = new Date()): Promise<AuditCsv> {
    const filter = toFilter(q);
    const locale = q.lang ?? (await this.localeOf(p));
    const total = await this.audit.count(p.organizationId, filter);
    const rows = Math.min(total, AUDIT_EXPORT_MAX_ROWS);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'audit.exported',
      targetType: 'audit-log',
      subjectEmployeeId: filter.subjectEmployeeId ?? null,
      details: {
        filters: Object.keys(filter).sort(),
        ...(filter.action ? { action: filter.action } : {}),
        rows,
      },
    });
    // Counted again: the export's own entry may match the filter, and it is the newest row.
    const matching = await this.audit.count(p.organizationId, filter);
    const limit = Math.min(matching, AUDIT_EXPORT_MAX_ROWS);
    const pages = this.audit.newestFirst(p.organizationId, filter, limit);
    const organizationId = p.organizationId;
    const lookup = (entries: AuditEntryEntity[]) => this.namesFor(organizationId, entries);
    const delimiter = CSV_DELIMITER[locale];
    const headers = CSV_HEADERS[locale];
    async function* lines(): AsyncGenerator<string> {
      // UTF-8 with a BOM and CRLF, as the exports module writes CSV: Excel reads it right.
      yield (
        '\uFEFF' +
        csvRecord(
          CSV_COLUMNS.map((c) => headers[c]),
          delimiter,
        )
      );
      for await (const page of pages) {
        const names = await lookup(page);
        let chunk = '';
        for (const entry of page) {
          const record = toCsvRecord(toAuditEntryDto(entry, names), locale);
          chunk += csvRecord(
            CSV_COLUMNS.map((c) => record[c]),
            delimiter,
          );
        }
        yield chunk;
      }
    }
    return {
      stream: Readable.from(lines()),
      fileName: `audit-log-${now.toISOString().slice(0, 10)}.csv`,
      rows: limit,
      truncated: matching > limit,
    };
  }

  /** The caller's language, else the organization's, else English. */
  private async localeOf(p: Principal): Promise<CsvLocale> {
    // A service token acts for no user with a profile: the organization's language then.
    const own = (await this.users.getProfile(p).catch(() => null))?.locale;
    if (isCsvLocale(own)) return own;
    const organization = await this.organizations.getCurrent(p);
    return isCsvLocale(organization.locale) ? organization.locale : 'en';
  }

  private async namesFor(organizationId: string, entries: AuditEntryEntity[]): Promise<AuditNames> {
    const ids = (pick: (e: AuditEntryEntity) => string | null) =>
      entries.map(pick).filter((id): id is string => !!id);
    const target = (type: string) => (e: AuditEntryEntity) =>
      e.targetType === type ? e.targetId : null;
    const [users, employees, teams] = await Promise.all([
      this.users.namesByIds(organizationId, [...ids((e) => e.actorUserId), ...ids(target('user'))]),
      this.employees.namesByIds(organizationId, [
        ...ids((e) => e.subjectEmployeeId),
        ...ids(target('employee')),
      ]),
      this.teams.namesByIds(organizationId, ids(target('team'))),
    ]);
    return { users, employees, teams };
  }
}

function toCsvRecord(e: AuditEntryDto, locale: CsvLocale): Record<CsvColumn, string | number> {
  return {
    seq: e.seq,
    time: formatDateTime(e.at, locale),
    at: e.at,
    action: e.action,
    actorUserId: e.actorUserId ?? '',
    actorName: e.actorName ?? '',
    actorEmail: e.actorEmail ?? '',
    actorRole: e.actorRole ?? '',
    targetType: e.targetType ?? '',
    targetId: e.targetId ?? '',
    targetName: e.targetName ?? '',
    subjectEmployeeId: e.subjectEmployeeId ?? '',
    subjectEmployeeName: e.subjectEmployeeName ?? '',
    clientAddress: e.clientAddress ?? '',
    details: JSON.stringify(e.details),
    hash: e.hash,
  };
}

function toFilter(q: AuditFilterQueryDto): AuditFilter {
  const from = q.from === undefined ? undefined : Date.parse(q.from);
  const to = q.to === undefined ? undefined : Date.parse(q.to);
  const errors = [
    ...(from !== undefined && !Number.isFinite(from)
      ? [{ path: 'from', message: 'from is not a valid time' }]
      : []),
    ...(to !== undefined && !Number.isFinite(to)
      ? [{ path: 'to', message: 'to is not a valid time' }]
      : []),
  ];
  if (errors.length === 0 && from !== undefined && to !== undefined && from >= to) {
    errors.push({ path: 'to', message: 'to must be later than from' });
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return {
    ...(q.action ? { action: q.action } : {}),
    ...(q.subjectEmployeeId ? { subjectEmployeeId: q.subjectEmployeeId } : {}),
    ...(q.actorUserId ? { actorUserId: q.actorUserId } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}
