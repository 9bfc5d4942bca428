import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsUUID,
  ValidateNested,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { Type } from 'class-transformer';
import { MAX_PASSWORD_LENGTH } from '../auth/password.service.js';

export class MfaSetupDto {
  @ApiProperty({
    description: 'Base32 TOTP seed, shown only in this response; enter it or scan the URI.',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret!: string;

  @ApiProperty({
    description: 'otpauth://totp URI for a QR code (SHA-1, 6 digits, 30-second period).',
    example: 'otpauth://totp/CallTimeX:ada%40example.com?secret=...&issuer=CallTimeX',
  })
  otpauthUri!: string;
}

export class MfaCodeDto {
  @ApiProperty({
    description: 'The current 6-digit code from the authenticator app.',
    example: '123456',
  })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class MfaDisableDto {
  @ApiPropertyOptional({
    description: 'A current 6-digit code; or give password.',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code?: string;

  @ApiPropertyOptional({
    maxLength: MAX_PASSWORD_LENGTH,
    description: 'The account password; or give code.',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password?: string;
}

export class MfaStatusDto {
  @ApiProperty()
  enabled!: boolean;
}

export class MfaOverviewDto {
  @ApiProperty({ description: 'An authenticator app (TOTP) is enabled.' })
  totpEnabled!: boolean;

  @ApiProperty({ description: 'Registered passkeys and security keys.' })
  passkeys!: number;

  @ApiProperty({ description: 'Recovery codes not used yet.' })
  recoveryCodesLeft!: number;

  @ApiProperty({ description: "The organization's policy requires a second factor for my role." })
  required!: boolean;

  @ApiProperty({
    description:
      'I must set up a second factor before anything else works (403 mfa-enrollment-required elsewhere).',
  })
  enrollmentPending!: boolean;
}

export class RecoveryCodesDto {
  @ApiProperty({
    type: [String],
    description:
      'Ten single-use codes, shown only in this response; the previous ones stop working.',
  })
  codes!: string[];
}

export class MfaPolicyDto {
  @ApiProperty({
    enum: ['owner', 'admin', 'hr', 'manager', 'employee'],
    isArray: true,
    description:
      'Users of these roles must sign in with a second factor; those without one enroll at their next sign-in.',
  })
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(['owner', 'admin', 'hr', 'manager', 'employee'], { each: true })
  requiredRoles!: ('owner' | 'admin' | 'hr' | 'manager' | 'employee')[];
}

export class PasskeyAssertionDto {
  @ApiProperty({ description: 'From /auth/mfa/passkey-options.' })
  @IsUUID()
  challengeId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'AuthenticationResponseJSON from navigator.credentials.get (@simplewebauthn/browser).',
  })
  @IsObject()
  response!: AuthenticationResponseJSON;
}

export class MfaTicketDto {
  @ApiProperty({ description: 'The mfaTicket of a 401 mfa-required answer or of an OIDC sign-in.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  ticket!: string;
}

export class PasskeyOptionsDto {
  @ApiProperty({ format: 'uuid' })
  challengeId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'PublicKeyCredential options JSON for @simplewebauthn/browser.',
  })
  options!: object;
}

export class PasskeyRegisterDto {
  @ApiProperty({ description: 'From /me/mfa/passkeys/options.' })
  @IsUUID()
  challengeId!: string;

  @ApiProperty({ maxLength: 100, example: 'Laptop' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'RegistrationResponseJSON from navigator.credentials.create (@simplewebauthn/browser).',
  })
  @IsObject()
  response!: RegistrationResponseJSON;
}

export class PasskeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt!: string | null;
}

export class PasskeyListDto {
  @ApiProperty({ type: [PasskeyDto] }) items!: PasskeyDto[];
}

export class MfaCompleteDto {
  @ApiProperty({ description: 'The ticket an OpenID Connect sign-in handed over (mfaTicket).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  ticket!: string;

  @ApiPropertyOptional({ description: 'A 6-digit code from the authenticator app.' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'mfaCode must be 6 digits' })
  mfaCode?: string;

  @ApiPropertyOptional({ description: 'A recovery code instead of mfaCode.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{10,20}$/, { message: 'recoveryCode must be a recovery code' })
  recoveryCode?: string;

  @ApiPropertyOptional({
    type: PasskeyAssertionDto,
    description: 'A passkey assertion instead of a code.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PasskeyAssertionDto)
  passkey?: PasskeyAssertionDto;
}
