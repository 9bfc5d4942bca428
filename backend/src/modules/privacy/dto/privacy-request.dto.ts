import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '#src/common/validation/common.dto.js';
import {
  PRIVACY_REQUEST_STATUSES,
  PRIVACY_REQUEST_TYPES,
  type ErasureVerification,
  type PrivacyRequestStatus,
  type PrivacyRequestType,
} from '../entities/privacy-request.entity.js';

export class CreatePrivacyRequestDto {
  @ApiProperty({ enum: PRIVACY_REQUEST_TYPES })
  @IsIn(PRIVACY_REQUEST_TYPES, {
    message: `type must be one of ${PRIVACY_REQUEST_TYPES.join(', ')}`,
  })
  type!: PrivacyRequestType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What to rectify, or context for HR.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListPrivacyRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PRIVACY_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(PRIVACY_REQUEST_STATUSES)
  status?: PrivacyRequestStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  employeeId?: string;
}

export class RejectPrivacyRequestDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class LegalHoldDto {
  @ApiProperty({ maxLength: 500, example: 'Litigation hold, case 2026-114' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class LegalHoldResponseDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class ErasureVerificationDto {
  @ApiProperty({ type: String, format: 'date-time' }) checkedAt!: string;
  @ApiProperty({ description: 'Nothing of the person was found in any table or file.' })
  passed!: boolean;
  @ApiProperty() tablesSearched!: number;
  @ApiProperty() filesSearched!: number;
  @ApiProperty() identifiersSearched!: number;
  @ApiProperty({ type: [String], description: 'table.column or file path; never the value.' })
  findings!: string[];
  @ApiProperty({ type: Object, description: 'Rows or files deleted, by table or place.' })
  deleted!: Record<string, number>;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the touched tables were rebuilt so no deleted bytes remain in the database files; null: pending until the next rebuild run (MySQL/MariaDB, every 15 minutes).',
  })
  compactedAt?: string | null;
}

export class CreatedPrivacyRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PRIVACY_REQUEST_TYPES }) type!: PrivacyRequestType;
  @ApiProperty({ enum: PRIVACY_REQUEST_STATUSES }) status!: PrivacyRequestStatus;
  @ApiProperty({ type: String, format: 'date-time', description: 'Filing time + 30 days.' })
  dueAt!: string;
}

export class PrivacyRequestDto extends CreatedPrivacyRequestDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ description: 'For a completed access request: GET with the same token.' })
  downloadUrl?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) downloadExpiresAt?: string;
  @ApiPropertyOptional() rejectionReason?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ description: 'Still open after its due date.' }) overdue!: boolean;
  @ApiPropertyOptional({ type: ErasureVerificationDto })
  verification?: ErasureVerification;
}

export class PrivacyRequestPageDto {
  @ApiProperty({ type: [PrivacyRequestDto] }) items!: PrivacyRequestDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
