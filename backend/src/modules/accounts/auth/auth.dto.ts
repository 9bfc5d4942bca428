import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NormalizeEmail, Trim } from '../dto/validators.js';
import { UserDto } from '../dto/user.dto.js';
import { MAX_PASSWORD_LENGTH } from './password.service.js';

export class SignupDto {
  @ApiProperty({ maxLength: 200, example: 'Acme Ltd' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organizationName!: string;

  @ApiProperty({ maxLength: 200, example: 'Ada Lovelace' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ maxLength: 254, example: 'ada@example.com' })
  @NormalizeEmail()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({
    minLength: 10,
    maxLength: MAX_PASSWORD_LENGTH,
    description: 'At least 10 characters, not a common password.',
  })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

export class LoginDto {
  @ApiProperty({ maxLength: 254, example: 'ada@example.com' })
  @NormalizeEmail()
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;

  @ApiPropertyOptional({
    description:
      'The current 6-digit authenticator code; required when the user enabled MFA (without it: 401 `mfa-required`).',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'mfaCode must be 6 digits' })
  mfaCode?: string;

  @ApiPropertyOptional({
    description: 'One of the recovery codes, instead of mfaCode; each works once.',
    example: 'abcde-fghjk',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{10,20}$/, { message: 'recoveryCode must be a recovery code' })
  recoveryCode?: string;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description:
      'The refresh token from sign-in or from the last refresh; without it, the HttpOnly `ctx_refresh` cookie is used (then `X-CSRF` is required).',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken?: string;
}

export class OrganizationSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class TokensDto {
  @ApiProperty({ description: 'JWT (HS256) for `Authorization: Bearer`.' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires.' })
  expiresIn!: number;

  @ApiPropertyOptional({
    description:
      'Single use: exchange it at /auth/refresh for a new pair. Only with `X-Refresh-Token-Delivery: body` or a refresh token sent in the body; otherwise it is in the HttpOnly `ctx_refresh` cookie.',
  })
  refreshToken?: string;

  @ApiProperty({ format: 'uuid' })
  sessionId!: string;
}

export class LoginResponseDto extends TokensDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

export class SignupResponseDto extends LoginResponseDto {
  @ApiProperty({ type: OrganizationSummaryDto })
  organization!: OrganizationSummaryDto;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  userAgent!: string | null;

  @ApiProperty({ type: String, nullable: true })
  clientAddress!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  lastUsedAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ description: 'The session of the token that asked.' })
  current!: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] })
  items!: SessionDto[];
}
