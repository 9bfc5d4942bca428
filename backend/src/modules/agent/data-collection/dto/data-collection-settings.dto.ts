import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { URL_MODES, type UrlMode } from '../organization-settings.entity.js';

export class DataCollectionSettingsDto {
  @ApiProperty({ description: 'Store window titles. When off, titles are dropped on arrival.' })
  collectTitles!: boolean;

  @ApiProperty({
    enum: URL_MODES,
    description: '"full" stores URLs; "host" stores only their host name.',
  })
  urlMode!: UrlMode;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: string | null;
}

export class UpdateDataCollectionSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  collectTitles?: boolean;

  @ApiPropertyOptional({ enum: URL_MODES })
  @IsOptional()
  @IsIn(URL_MODES)
  urlMode?: UrlMode;
}
