import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '#src/common/auth/scopes.js';
import { PageQueryDto } from '#src/common/validation/common.dto.js';
import { API_TOKEN_KINDS, type ApiTokenKind } from '../entities/api-token.entity.js';

export const MAX_TOKEN_DAYS = 365;
export const DEFAULT_TOKEN_DAYS = 90;

export class CreateApiTokenDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Payroll export' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    enum: API_TOKEN_KINDS,
    description: '`service` tokens belong to the organization (owner/admin only).',
  })
  @IsIn(API_TOKEN_KINDS)
  kind!: ApiTokenKind;

  @ApiProperty({ enum: API_TOKEN_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_TOKEN_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_TOKEN_SCOPES, { each: true })
  scopes!: ApiTokenScope[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_TOKEN_DAYS,
    default: DEFAULT_TOKEN_DAYS,
    description: 'Days until the token expires; `null` (service tokens only) never expires.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TOKEN_DAYS)
  expiresInDays?: number | null;
}

export class ApiTokenListQueryDto extends PageQueryDto {}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: API_TOKEN_KINDS })
  kind!: ApiTokenKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  userId!: string | null;

  @ApiProperty({ description: 'The first characters of the token.', example: 'ctx_pat_AbCd' })
  tokenPrefix!: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES, isArray: true })
  scopes!: ApiTokenScope[];

  @ApiProperty({ enum: ['active', 'expired', 'revoked'] })
  status!: 'active' | 'expired' | 'revoked';

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Client address of the last call.' })
  lastUsedAddress!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'The secret: shown this once, only its hash is kept.' })
  token!: string;
}

export class ApiTokenPageDto {
  @ApiProperty({ type: [ApiTokenDto] })
  items!: ApiTokenDto[];

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty()
  total!: number;
}

export class ApiTokenScopeDto {
  @ApiProperty({ enum: API_TOKEN_SCOPES })
  scope!: ApiTokenScope;

  @ApiProperty()
  description!: string;

  @ApiProperty({ description: 'Whether the caller may put it on a personal token.' })
  personal!: boolean;

  @ApiProperty({ description: 'Whether the caller may put it on a service token.' })
  service!: boolean;
}

export class ApiTokenScopesDto {
  @ApiProperty({ type: [ApiTokenScopeDto] })
  scopes!: ApiTokenScopeDto[];

  @ApiProperty({ description: 'Whether the caller may create service tokens.' })
  mayCreateService!: boolean;

  @ApiProperty({ description: 'Longest lifetime in days.' })
  maxDays!: number;
}
