import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/validation/common.dto.js';
import type { AuditEntryEntity } from './audit-entry.entity.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'data.viewed' })
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

export function toAuditEntryDto(e: AuditEntryEntity): AuditEntryDto {
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
