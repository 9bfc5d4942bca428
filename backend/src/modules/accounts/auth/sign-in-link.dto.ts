import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NormalizeEmail } from '../dto/validators.js';

export class SignInLinkRequestDto {
  @ApiProperty({ maxLength: 254, example: 'ada@example.com' })
  @NormalizeEmail()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}

export class SignInLinkAcceptedDto {
  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';
}

export class SignInLinkConsumeDto {
  @ApiProperty({ description: 'The token from the sign-in link in the mail.' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @ApiPropertyOptional({
    description:
      'The current 6-digit authenticator code; required when the user enabled MFA (without it: 401 `mfa-required`, and the link stays usable).',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'mfaCode must be 6 digits' })
  mfaCode?: string;
}
