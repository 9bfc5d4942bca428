import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
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
}
