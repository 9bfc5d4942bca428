import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_ENROLLMENT_TOKEN_HOURS = 7 * 24;

export class CreateEnrollmentTokenDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 8760, default: DEFAULT_ENROLLMENT_TOKEN_HOURS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8760)
  expiresInHours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: 'Unlimited when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxUses?: number;
}

export class EnrollmentTokenCreatedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Shown once; only its hash is kept.' })
  token!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: Number, nullable: true })
  maxUses!: number | null;
}

export const ENROLLMENT_TOKEN_STATUSES = ['active', 'expired', 'revoked', 'exhausted'] as const;
export type EnrollmentTokenStatus = (typeof ENROLLMENT_TOKEN_STATUSES)[number];

export class EnrollmentTokenDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The first characters of the token.' })
  tokenPrefix!: string;

  @ApiProperty({ enum: ENROLLMENT_TOKEN_STATUSES })
  status!: EnrollmentTokenStatus;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: Number, nullable: true })
  maxUses!: number | null;

  @ApiProperty()
  uses!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;
}

export class EnrollmentTokenListDto {
  @ApiProperty({ type: [EnrollmentTokenDto] })
  items!: EnrollmentTokenDto[];
}
