import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { CsvError, parse } from 'csv-parse/sync';
import type { Principal } from '#src/common/auth/principal.js';
import {
  BadRequestError,
  ConflictError,
  PayloadTooLargeError,
} from '#src/common/errors/domain-error.js';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { CLOCK, type Clock } from '../clock.js';
import { isIanaTimeZone } from '../dto/validators.js';
import { EmployeeEntity } from '../entities/employee.entity.js';
import { TeamEntity } from '../entities/team.entity.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import { TeamsRepository } from '../teams/teams.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import {
  IMPORT_MAX_ROWS,
  type EmployeeImportResultDto,
  type ImportRowErrorDto,
  type ImportRowResultDto,
} from './employee-import.dto.js';
import { EmployeesRepository, type EmployeeImportPlan } from './employees.repository.js';

type Column = 'fullName' | 'email' | 'team' | 'timeZone' | 'managerEmail';

/** Header names, compared lower-cased without spaces, underscores and hyphens. */
const HEADER_ALIASES: Record<string, Column> = {
  name: 'fullName',
  fullname: 'fullName',
  email: 'email',
  team: 'team',
  timezone: 'timeZone',
  tz: 'timeZone',
  manageremail: 'managerEmail',
  manager: 'managerEmail',
};

/** The names the CSV column errors use (the documented header). */
const COLUMN_NAMES: Record<Column, string> = {
  fullName: 'name',
  email: 'email',
  team: 'team',
  timeZone: 'timezone',
  managerEmail: 'manager_email',
};

interface ParsedRow {
  row: number;
  line: number;
  cells: Partial<Record<Column, string>>;
  extraCells: boolean;
}

interface RowWork {
  result: ImportRowResultDto;
  existing: EmployeeEntity | null;
}

/**
 * Creates and updates employees from a CSV file, matched by email within the organization. Rows
 * with errors are skipped; the others are written in one transaction. The same file again
 * changes nothing.
 */
@Injectable()
export class EmployeeImportService {
  constructor(
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async import(p: Principal, csv: string, dryRun: boolean): Promise<EmployeeImportResultDto> {
    const parsed = parseCsv(csv);
    const organizationId = p.organizationId;
    const work = parsed.map(checkRow);

    // An email twice in one file: the first row wins, the later ones are errors.
    const firstRowOf = new Map<string, number>();
    for (const w of work) {
      if (!w.result.email || w.result.errors.some((e) => e.field === 'email')) continue;
      const first = firstRowOf.get(w.result.email);
      if (first === undefined) firstRowOf.set(w.result.email, w.result.row);
      else w.result.errors.push({ field: 'email', message: `duplicate of row ${first}` });
    }

    const emails = [...firstRowOf.keys()];
    const managerEmails = [
      ...new Set(work.flatMap((w) => (w.result.managerEmail ? [w.result.managerEmail] : []))),
    ];
    const [existing, managers, teams, organization] = await Promise.all([
      this.employees.findByEmails(organizationId, emails),
      this.users.findByEmails(organizationId, managerEmails),
      this.teams.all(organizationId),
      this.organizations.findById(organizationId),
    ]);
    const employeeByEmail = new Map(existing.map((e) => [e.email, e]));
    const managerByEmail = new Map(managers.map((u) => [u.email, u]));
    const teamByKey = new Map(teams.map((t) => [teamKey(t.name), t]));
    const managerLinks = await this.teams.managersOf(
      organizationId,
      teams.map((t) => t.id),
    );
    const linked = new Set(
      [...managerLinks].flatMap(([teamId, userIds]) => userIds.map((u) => `${teamId}:${u}`)),
    );

    const now = this.clock.now();
    const defaultTimeZone = organization?.defaultTimeZone ?? 'UTC';
    const plan: EmployeeImportPlan = { teams: [], creates: [], updates: [], managers: [] };

    for (const w of work) {
      const r = w.result;
      w.existing = employeeByEmail.get(r.email) ?? null;
      r.employeeId = w.existing?.id ?? null;
      if (r.errors.length > 0) continue;
      const knownTeam = r.team ? teamByKey.get(teamKey(r.team)) : undefined;
      const effectiveTeamId = r.team ? (knownTeam?.id ?? 'new') : (w.existing?.teamId ?? null);
      let managerId: string | null = null;
      if (r.managerEmail) {
        const manager = managerByEmail.get(r.managerEmail);
        if (!manager || manager.status === 'deactivated') {
          r.errors.push({
            field: 'manager_email',
            message: 'no active console user with this email in the organization',
          });
        } else if (!effectiveTeamId) {
          r.errors.push({ field: 'manager_email', message: 'a manager needs a team on the row' });
        } else {
          managerId = manager.id;
        }
      }
      if (r.errors.length > 0) continue;

      let team = knownTeam;
      if (r.team && !team) {
        team = Object.assign(new TeamEntity(), {
          id: randomUUID(),
          organizationId,
          name: r.team,
          workScheduleId: null,
          createdAt: now,
        });
        teamByKey.set(teamKey(r.team), team);
        plan.teams.push(team);
      }
      const teamId = team?.id ?? w.existing?.teamId ?? null;

      if (w.existing) {
        const changes: EmployeeImportPlan['updates'][number]['changes'] = {};
        if (r.fullName !== w.existing.fullName) changes.fullName = r.fullName;
        if (team && team.id !== w.existing.teamId) changes.teamId = team.id;
        if (r.timeZone && r.timeZone !== w.existing.timeZone) changes.timeZone = r.timeZone;
        r.changes = Object.keys(changes).map((k) => (k === 'teamId' ? 'team' : k));
        if (r.changes.length > 0) plan.updates.push({ id: w.existing.id, changes });
      } else {
        const employee = Object.assign(new EmployeeEntity(), {
          id: randomUUID(),
          organizationId,
          fullName: r.fullName,
          email: r.email,
          teamId,
          workScheduleId: null,
          timeZone: r.timeZone ?? defaultTimeZone,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        });
        plan.creates.push(employee);
        if (!dryRun) r.employeeId = employee.id;
      }

      if (managerId && teamId) {
        const key = `${teamId}:${managerId}`;
        if (!linked.has(key)) {
          linked.add(key);
          plan.managers.push({ teamId, userId: managerId });
          if (w.existing) r.changes.push('manager');
        }
      }
      r.status = w.existing ? (r.changes.length > 0 ? 'updated' : 'unchanged') : 'created';
    }

    for (const w of work) if (w.result.errors.length > 0) w.result.status = 'error';
    if (!dryRun) await this.apply(organizationId, plan);

    const rows = work.map((w) => w.result);
    const count = (status: ImportRowResultDto['status']) =>
      rows.filter((r) => r.status === status).length;
    return {
      dryRun,
      total: rows.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      failed: count('error'),
      teamsCreated: plan.teams.map((t) => t.name),
      rows,
    };
  }

  private async apply(organizationId: string, plan: EmployeeImportPlan): Promise<void> {
    try {
      await this.employees.applyImport(organizationId, plan, async (tx, employee) => {
        await this.events.publish(
          'employee.created',
          organizationId,
          { employeeId: employee.id, teamId: employee.teamId, timeZone: employee.timeZone },
          { tx },
        );
      });
    } catch (error) {
      // Another import or edit got there first; the next preview shows the new state.
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          'Employees or teams changed while importing; preview the file again.',
          'import-conflict',
        );
      }
      throw error;
    }
  }
}

function teamKey(name: string): string {
  return name.trim().toLowerCase();
}

function normalizeHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** `;` or tab when the header uses them and no comma (spreadsheets in many locales do). */
function delimiterOf(csv: string): string {
  const header = csv.slice(0, csv.search(/\r?\n|$/));
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

function parseCsv(csv: string): ParsedRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      delimiter: delimiterOf(csv),
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      throw new BadRequestError(`The CSV file is malformed: ${error.message}`, 'csv-malformed');
    }
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new BadRequestError('The CSV file is empty.', 'csv-malformed');
  const columns = header.record.map((cell, i) => {
    const column = HEADER_ALIASES[normalizeHeader(cell)];
    if (!column) {
      throw new BadRequestError(
        `Unknown column "${cell.slice(0, 50)}" (column ${i + 1}); the columns are ` +
          'name, email, team, timezone, manager_email.',
        'csv-unknown-column',
      );
    }
    return column;
  });
  for (const required of ['fullName', 'email'] as const) {
    if (!columns.includes(required)) {
      throw new BadRequestError(
        `The header has no "${COLUMN_NAMES[required]}" column.`,
        'csv-missing-column',
      );
    }
  }
  if (new Set(columns).size !== columns.length) {
    throw new BadRequestError('The header names a column twice.', 'csv-duplicate-column');
  }
  if (data.length > IMPORT_MAX_ROWS) {
    throw new PayloadTooLargeError(
      `The file has ${data.length.toLocaleString('en')} rows; at most ` +
        `${IMPORT_MAX_ROWS.toLocaleString('en')} are imported at once.`,
    );
  }
  return data.map(({ record, info }, i) => {
    const cells: ParsedRow['cells'] = {};
    columns.forEach((column, c) => {
      const value = record[c];
      if (value) cells[column] = value;
    });
    return {
      row: i + 1,
      line: info.lines,
      cells,
      extraCells: record.slice(columns.length).some((v) => v !== ''),
    };
  });
}

function checkRow(parsed: ParsedRow): RowWork {
  const errors: ImportRowErrorDto[] = [];
  const { cells } = parsed;
  const fullName = cells.fullName ?? '';
  const email = (cells.email ?? '').toLowerCase();
  const team = cells.team ?? null;
  const timeZone = cells.timeZone ?? null;
  const managerEmail = cells.managerEmail?.toLowerCase() ?? null;
  if (parsed.extraCells) errors.push({ field: 'row', message: 'more cells than the header' });
  if (!fullName) errors.push({ field: 'name', message: 'name is required' });
  else if (fullName.length > 200) errors.push({ field: 'name', message: 'name is too long' });
  if (!email) errors.push({ field: 'email', message: 'email is required' });
  else if (email.length > 254 || !isEmail(email)) {
    errors.push({ field: 'email', message: 'email must be an email address' });
  }
  if (team && team.length > 200) errors.push({ field: 'team', message: 'team is too long' });
  if (timeZone && !isIanaTimeZone(timeZone)) {
    errors.push({ field: 'timezone', message: 'unknown time zone' });
  }
  if (managerEmail && (managerEmail.length > 254 || !isEmail(managerEmail))) {
    errors.push({ field: 'manager_email', message: 'manager_email must be an email address' });
  }
  return {
    existing: null,
    result: {
      row: parsed.row,
      line: parsed.line,
      status: errors.length > 0 ? 'error' : 'unchanged',
      fullName: fullName.slice(0, 200),
      email: email.slice(0, 254),
      team,
      timeZone,
      managerEmail,
      employeeId: null,
      changes: [],
      errors,
    },
  };
}
