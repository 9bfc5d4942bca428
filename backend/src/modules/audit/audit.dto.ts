import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CSV_LOCALES, type CsvLocale } from '#src/common/csv/locale-format.js';
import { PageQueryDto } from '#src/common/validation/common.dto.js';
import type { AuditEntryEntity } from './audit-entry.entity.js';

// A day (UTC midnight) or a time with its offset; a time without one would depend on the server.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 time with offset (2026-11-02T09:00:00+01:00) or a day';

export class AuditFilterQueryDto {
  @ApiPropertyOptional({
    example: 'team.',
    description: 'One action (`data.viewed`), or all under a prefix ending in a dot (`team.`).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9.-]+$/, { message: 'action must be lower case letters, digits, dots, dashes' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  subjectEmployeeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  actorUserId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Entries at or after this time.',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_INSTANT, { message: `from ${INSTANT_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `from ${INSTANT_MESSAGE}` })
  from?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Entries before this time.',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_INSTANT, { message: `to ${INSTANT_MESSAGE}` })
  @IsISO8601({ strict: true }, { message: `to ${INSTANT_MESSAGE}` })
  to?: string;
}

export class AuditQueryDto extends IntersectionType(PageQueryDto, AuditFilterQueryDto) {}

export class AuditExportQueryDto extends AuditFilterQueryDto {
  @ApiPropertyOptional({
    enum: CSV_LOCALES,
    description:
      'Language of the header row, and its list separator (`;` for ru and uk) and date format. Default: the caller’s language, else the organization’s, else en. The `at` column stays an ISO 8601 instant either way.',
  })
  @IsOptional()
  @IsIn(CSV_LOCALES, { message: `lang must be one of ${CSV_LOCALES.join(', ')}` })
  lang?: CsvLocale;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorRole!: string | null;
  @ApiProperty({ example: 'auth.sign-in' }) action!: string;
  @ApiProperty({ type: String, nullable: true }) targetType!: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subjectEmployeeId!: string | null;
  @ApiProperty({ type: Object }) details!: Record<string, unknown>;
  @ApiProperty({ description: 'SHA-256 of the previous entry’s hash and this entry.' })
  hash!: string;
  @ApiProperty() prevHash!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The acting user’s name now; null for the system or a removed user.',
  })
  actorName!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The name of the person whose data it concerns; null once erased.',
  })
  subjectEmployeeName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The name of the target now, for a team, user or employee target; null for other kinds or once it is gone.',
  })
  targetName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The client address of the request, where recorded.',
  })
  clientAddress!: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class AuditChainBreakDto {
  @ApiProperty() seq!: number;
  @ApiProperty({
    enum: ['hash-mismatch', 'previous-hash-mismatch', 'sequence-gap', 'head-mismatch'],
  })
  reason!: string;
}

export class AuditVerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty() entriesChecked!: number;
  @ApiProperty() headSeq!: number;
  @ApiProperty({ type: AuditChainBreakDto, nullable: true }) brokenAt!: AuditChainBreakDto | null;
}

export class DataViewDto {
  @ApiProperty({ type: String, format: 'date-time' }) viewedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) viewerUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) viewerName!: string | null;
  @ApiProperty({ type: String, nullable: true }) viewerRole!: string | null;
  @ApiProperty({ example: 'timeline' }) what!: string;
}

export class DataViewPageDto {
  @ApiProperty({ type: [DataViewDto] }) items!: DataViewDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export function parseDetails(details: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface AuditNames {
  users: Map<string, { fullName: string; email: string }>;
  employees: Map<string, string>;
  teams: Map<string, string>;
}

function targetName(e: AuditEntryEntity, names: AuditNames): string | null {
  if (!e.targetId) return null;
  if (e.targetType === 'team') return names.teams.get(e.targetId) ?? null;
  if (e.targetType === 'user') return names.users.get(e.targetId)?.fullName || null;
  if (e.targetType === 'employee') return names.employees.get(e.targetId) ?? null;
  return null;
}

/** The entry as stored (ids only): what a person's access export holds. */
export function toAuditRecordDto(
  e: AuditEntryEntity,
): Omit<
  AuditEntryDto,
  'actorName' | 'actorEmail' | 'subjectEmployeeName' | 'targetName' | 'clientAddress'
> {
  return {
    id: e.id,
    seq: e.seq,
    at: new Date(Number(e.at)).toISOString(),
    actorUserId: e.actorUserId,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    subjectEmployeeId: e.subjectEmployeeId,
    details: parseDetails(e.details),
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/** The entry for the console: names resolved now, and the client address. */
export function toAuditEntryDto(e: AuditEntryEntity, names: AuditNames): AuditEntryDto {
  const actor = e.actorUserId ? names.users.get(e.actorUserId) : undefined;
  return {
    ...toAuditRecordDto(e),
    actorName: actor ? actor.fullName || null : null,
    actorEmail: actor?.email ?? null,
    subjectEmployeeName: e.subjectEmployeeId
      ? (names.employees.get(e.subjectEmployeeId) ?? null)
      : null,
    targetName: targetName(e, names),
    clientAddress: e.clientAddress ?? null,
  };
}
