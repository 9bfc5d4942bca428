import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '../../accounts/auth/password.service.js';
import { MAIL_CATEGORIES } from '../mail-catalog.js';

export class MailPreferenceDto {
  @ApiProperty({ enum: MAIL_CATEGORIES }) category!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'Security and transactional mail cannot be turned off.' })
  locked!: boolean;
}

export class MailPreferencesDto {
  @ApiProperty({ type: [MailPreferenceDto] }) items!: MailPreferenceDto[];
}

export class UpdateMailPreferencesDto {
  @ApiPropertyOptional({ description: 'Scheduled report mails' })
  // Absent leaves it as it is; null is not a choice.
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  reports?: boolean;

  @ApiPropertyOptional({ description: 'Product news' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  product?: boolean;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The signed token from the link in the mail' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'olive@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the reset link' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @ApiProperty({ minLength: 10, maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

export class AcceptedDto {
  @ApiProperty({ enum: ['accepted'] }) status!: 'accepted';
}
