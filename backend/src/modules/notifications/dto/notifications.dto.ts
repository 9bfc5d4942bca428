import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
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
