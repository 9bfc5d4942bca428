import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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
