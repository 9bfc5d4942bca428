import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Trim } from '#src/modules/accounts/dto/validators.js';

export const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RATE = 1_000_000;
const MAX_BUDGET_HOURS = 1_000_000;

export class CreateClientDto {
  @ApiProperty({ maxLength: 200, example: 'Acme Corp' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'acme.com',
    description: 'The client’s site.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  domain?: string | null;
}

export class UpdateClientDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  domain?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class ClientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) domain!: string | null;
  @ApiProperty() archived!: boolean;
}

export class ClientListDto {
  @ApiProperty({ type: [ClientDto] }) items!: ClientDto[];
}

export class CreateProjectDto {
  @ApiProperty({ maxLength: 200, example: 'Website relaunch' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string | null;

  @ApiPropertyOptional({ maxLength: 32, nullable: true, type: String, example: 'WEB' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(32)
  code?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  billable?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 0,
    example: 90,
    description:
      'Per hour, in the organization’s currency; null: the employee’s or organization’s.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber(
    { maxDecimalPlaces: 2 },
    { message: 'hourlyRate must be a number with at most 2 decimals' },
  )
  @Min(0, { message: 'hourlyRate must not be below 0' })
  @Max(MAX_RATE)
  hourlyRate?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, example: 120 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0, { message: 'budgetHours must not be below 0' })
  @Max(MAX_BUDGET_HOURS)
  budgetHours?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '2027-06-30',
    description: 'Last day of the budget period (not in the past).',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(DAY, { message: 'budgetEndsOn must be a day as YYYY-MM-DD' })
  budgetEndsOn?: string | null;
}

export class UpdateProjectDto extends CreateProjectDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  declare name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId!: string | null;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty() billable!: boolean;
  @ApiProperty({ type: Number, nullable: true }) hourlyRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) budgetHours!: number | null;
  @ApiProperty({ type: String, nullable: true }) budgetEndsOn!: string | null;
  @ApiProperty() archived!: boolean;
}

export class ProjectListDto {
  @ApiProperty({ type: [ProjectDto] }) items!: ProjectDto[];
}

export class ListProjectsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Include archived projects.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  archived?: 'true' | 'false';
}

export class CreateTaskDto {
  @ApiProperty({ maxLength: 200, example: 'Design' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() archived!: boolean;
}

export class TaskListDto {
  @ApiProperty({ type: [TaskDto] }) items!: TaskDto[];
}

export class TaskParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'taskId must be a UUID' })
  taskId!: string;
}

export class MemberParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId!: string;
}

export class CreateMemberDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A team (exactly one of teamId, employeeId).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiPropertyOptional({
    nullable: true,
    minimum: 0,
    description: 'An employee member’s rate on this project (per hour).',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0, { message: 'hourlyRate must not be below 0' })
  @Max(MAX_RATE)
  hourlyRate?: number | null;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ enum: ['team', 'employee'] }) kind!: 'team' | 'employee';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) employeeId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) hourlyRate!: number | null;
}

export class MemberListDto {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
}

export class ProjectSettingsDto {
  @ApiProperty({ minimum: 0, description: 'The organization’s default hourly rate.' })
  defaultHourlyRate!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class UpdateProjectSettingsDto {
  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0, { message: 'defaultHourlyRate must not be below 0' })
  @Max(MAX_RATE)
  defaultHourlyRate?: number;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217 code.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;
}

export class EmployeeRateDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ type: Number, nullable: true }) hourlyRate!: number | null;
}

export class EmployeeRateListDto {
  @ApiProperty({ type: [EmployeeRateDto] }) items!: EmployeeRateDto[];
}

export class SetEmployeeRateDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    minimum: 0,
    description: 'Per hour; null removes it.',
  })
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0, { message: 'hourlyRate must not be below 0' })
  @Max(MAX_RATE)
  hourlyRate!: number | null;
}
