import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsIanaTimeZone, LOCALES, OptionalNotNull, Trim, type Locale } from '../dto/validators.js';

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({
    example: 'Europe/Kyiv',
    description: 'For employees who have no zone of their own.',
  })
  defaultTimeZone!: string;

  @ApiProperty({ enum: LOCALES, description: 'The authoritative language of its texts.' })
  locale!: Locale;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Kyiv' })
  @OptionalNotNull()
  @IsString()
  @IsIanaTimeZone()
  defaultTimeZone?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @OptionalNotNull()
  @IsIn(LOCALES)
  locale?: Locale;
}
