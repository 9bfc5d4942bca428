import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CSV_DELIMITERS,
  DATE_FORMATS,
  DECIMAL_SEPARATORS,
  DURATION_FORMATS,
  MAX_HEADER_LENGTH,
  MAX_PAYROLL_COLUMNS,
  PAYROLL_FIELDS,
  type PayrollField,
} from '../payroll/payroll-mapping.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class PayrollColumnDto {
  @ApiProperty({ enum: PAYROLL_FIELDS, description: 'Which figure the column holds.' })
  @IsIn(PAYROLL_FIELDS, { message: `field must be one of ${PAYROLL_FIELDS.join(', ')}` })
  field!: PayrollField;

  @ApiProperty({
    maxLength: MAX_HEADER_LENGTH,
    description: 'The header the payroll system expects.',
  })
  @IsString({ message: 'header must be a text' })
  @MaxLength(MAX_HEADER_LENGTH, {
    message: `header must be at most ${MAX_HEADER_LENGTH} characters`,
  })
  header!: string;
}

export class PayrollMappingDto {
  @ApiProperty({
    type: [PayrollColumnDto],
    maxItems: MAX_PAYROLL_COLUMNS,
    description: 'The columns, in file order.',
  })
  @IsArray({ message: 'columns must be a list' })
  @ArrayMinSize(1, { message: 'columns must name at least one column' })
  @ArrayMaxSize(MAX_PAYROLL_COLUMNS, {
    message: `columns must name at most ${MAX_PAYROLL_COLUMNS} columns`,
  })
  @ValidateNested({ each: true })
  @Type(() => PayrollColumnDto)
  columns!: PayrollColumnDto[];

  @ApiProperty({ enum: DATE_FORMATS })
  @IsIn(DATE_FORMATS, { message: `dateFormat must be one of ${DATE_FORMATS.join(', ')}` })
  dateFormat!: (typeof DATE_FORMATS)[number];

  @ApiProperty({
    enum: DURATION_FORMATS,
    description: 'Hours as decimal hours, h:mm, or whole minutes.',
  })
  @IsIn(DURATION_FORMATS, {
    message: `durationFormat must be one of ${DURATION_FORMATS.join(', ')}`,
  })
  durationFormat!: (typeof DURATION_FORMATS)[number];

  @ApiProperty({ enum: DECIMAL_SEPARATORS })
  @IsIn(DECIMAL_SEPARATORS, { message: 'decimalSeparator must be "." or ","' })
  decimalSeparator!: (typeof DECIMAL_SEPARATORS)[number];

  @ApiProperty({
    minimum: 0,
    maximum: 4,
    description: 'Digits after the separator for decimal hours.',
  })
  @IsInt({ message: 'decimals must be a whole number' })
  @Min(0, { message: 'decimals must be 0 to 4' })
  @Max(4, { message: 'decimals must be 0 to 4' })
  decimals!: number;

  @ApiProperty({ enum: CSV_DELIMITERS, description: 'The CSV separator.' })
  @IsIn(CSV_DELIMITERS, { message: 'csvDelimiter must be "," or ";"' })
  csvDelimiter!: (typeof CSV_DELIMITERS)[number];
}

export class PayrollFieldDto {
  @ApiProperty({ enum: PAYROLL_FIELDS }) field!: PayrollField;
  @ApiProperty({ enum: ['text', 'date', 'duration', 'days'] }) kind!: string;
}

export class PayrollFieldListDto {
  @ApiProperty({ type: [PayrollFieldDto] }) items!: PayrollFieldDto[];
}

export class CreatePayrollExportDto {
  @ApiProperty({ example: '2026-10', description: 'The pay period, a calendar month YYYY-MM.' })
  @IsString()
  @Matches(MONTH, { message: 'month must be a month as YYYY-MM' })
  month!: string;

  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format!: 'csv' | 'xlsx';
}

export class PayrollPreviewQueryDto {
  @ApiProperty({ example: '2026-10' })
  @IsString()
  @Matches(MONTH, { message: 'month must be a month as YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({
    type: PayrollMappingDto,
    description: 'A mapping to try; default: the saved one.',
  })
  @IsOptional()
  @IsObject({ message: 'mapping must be an object' })
  @ValidateNested()
  @Type(() => PayrollMappingDto)
  mapping?: PayrollMappingDto;
}

export class PayrollPreviewDto {
  @ApiProperty({ type: [String] }) headers!: string[];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } })
  rows!: string[][];
  @ApiProperty({ description: 'True when the month is locked: the figures are the frozen ones.' })
  locked!: boolean;
}
