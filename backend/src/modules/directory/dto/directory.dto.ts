import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  DIRECTORY_ROLES,
  DirectorySettingsSchema,
  type DirectoryRole,
} from '#src/config/directory-settings.js';
import { PageQueryDto } from '#src/common/validation/common.dto.js';
import { SYNC_RUN_STATUSES, type SyncRunStatus } from '../entities/directory.entities.js';

export const MAX_DIRECTORY_PASSWORD = 1024;

export class PutDirectoryConfigDto extends DirectorySettingsSchema {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    writeOnly: true,
    maxLength: MAX_DIRECTORY_PASSWORD,
    description:
      "The service account's password. Write-only: never returned. Omitted: the stored one is kept; null: removed.",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_DIRECTORY_PASSWORD)
  bindPassword?: string | null;
}

export class DirectoryConfigDto extends DirectorySettingsSchema {
  @ApiProperty({
    enum: ['console', 'environment'],
    description:
      '`environment`: IT manages it by file (DIRECTORY_CONFIG_PATH); the api cannot change it.',
  })
  source!: 'console' | 'environment';

  @ApiProperty({ description: 'A bind password is stored (it is never returned).' })
  hasBindPassword!: boolean;

  @ApiProperty({ description: 'False: nothing is configured yet; the fields are the defaults.' })
  configured!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: string | null;
}

export class TestConnectionDto {
  @ApiPropertyOptional({ maxLength: 256, description: 'Also try to sign in as this user.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  login?: string;

  @ApiPropertyOptional({ maxLength: MAX_DIRECTORY_PASSWORD, writeOnly: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DIRECTORY_PASSWORD)
  password?: string;
}

export class DirectoryPersonDto {
  @ApiProperty() dn!: string;
  @ApiProperty() login!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ type: [String] }) groups!: string[];
  @ApiProperty({
    enum: DIRECTORY_ROLES,
    nullable: true,
    description: 'The role its groups give; null: not admitted.',
  })
  role!: DirectoryRole | null;
}

export class DirectoryGroupDto {
  @ApiProperty() dn!: string;
  @ApiProperty() name!: string;
  @ApiProperty() memberCount!: number;
  @ApiProperty({
    enum: DIRECTORY_ROLES,
    nullable: true,
    description: 'The role mapped to this group, if any.',
  })
  mappedRole!: DirectoryRole | null;
}

export class ConnectionErrorDto {
  @ApiProperty({ enum: ['connection', 'tls', 'service-bind', 'search', 'test-login'] })
  code!: string;
  @ApiProperty() message!: string;
}

export class TestConnectionResultDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: ConnectionErrorDto, nullable: true }) error!: ConnectionErrorDto | null;
  @ApiProperty() userCount!: number;
  @ApiProperty({ type: [DirectoryPersonDto] }) sampleUsers!: DirectoryPersonDto[];
  @ApiProperty({ type: [DirectoryGroupDto] }) groups!: DirectoryGroupDto[];
  @ApiPropertyOptional({
    type: DirectoryPersonDto,
    nullable: true,
    description: 'The test login, when one was given; null: refused.',
  })
  testUser?: DirectoryPersonDto | null;
}

export class SyncErrorDto {
  @ApiProperty({ description: 'The login or DN concerned.' }) key!: string;
  @ApiProperty() message!: string;
}

export class SyncRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['manual', 'schedule'] }) trigger!: 'manual' | 'schedule';
  @ApiProperty({ enum: SYNC_RUN_STATUSES }) status!: SyncRunStatus;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() deactivated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ type: [SyncErrorDto] }) errors!: SyncErrorDto[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class SyncRunListDto {
  @ApiProperty({ type: [SyncRunDto] }) items!: SyncRunDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class SyncRunListQueryDto extends PageQueryDto {}

export class LdapLoginDto {
  @ApiPropertyOptional({
    maxLength: 200,
    description:
      "The organization's id or exact name; optional when one organization uses a directory.",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organization?: string;

  @ApiProperty({
    maxLength: 256,
    example: 'jdoe',
    description: 'uid, sAMAccountName or userPrincipalName, as configured.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  login!: string;

  @ApiProperty({ maxLength: MAX_DIRECTORY_PASSWORD, writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_DIRECTORY_PASSWORD)
  password!: string;

  @ApiPropertyOptional({ pattern: '^\\d{6}$' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'mfaCode must be 6 digits' })
  mfaCode?: string;

  @ApiPropertyOptional({
    description: 'One of the recovery codes, instead of mfaCode; each works once.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{10,20}$/, { message: 'recoveryCode must be a recovery code' })
  recoveryCode?: string;
}
