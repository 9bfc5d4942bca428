import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '#src/common/validation/common.dto.js';
import { EMPLOYEE_STATUSES, type EmployeeStatus } from '../entities/employee.entity.js';
import { ROLES, type Role } from '#src/common/auth/roles.js';
import { USER_STATUSES, type UserStatus } from '../entities/user.entity.js';
import { IsIanaTimeZone, NormalizeEmail, OptionalNotNull, Trim } from '../dto/validators.js';

export class CreateEmployeeDto {
  @ApiProperty({ maxLength: 200, example: 'Grace Hopper' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ maxLength: 254, example: 'grace@example.com' })
  @NormalizeEmail()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string | null;

  @ApiPropertyOptional({
    example: 'Europe/Kyiv',
    description: "IANA zone; default the organization's.",
  })
  @IsOptional()
  @IsString()
  @IsIanaTimeZone()
  timeZone?: string;
}

export class UpdateEmployeeDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ maxLength: 254 })
  @OptionalNotNull()
  @NormalizeEmail()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null removes the team.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string | null;

  @ApiPropertyOptional({ example: 'Europe/Kyiv' })
  @OptionalNotNull()
  @IsString()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The employee's own work schedule; null falls back to the team's or the default.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'workScheduleId must be a UUID' })
  workScheduleId?: string | null;
}

export class EmployeeListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the name or email.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: EMPLOYEE_STATUSES })
  @IsOptional()
  @IsIn(EMPLOYEE_STATUSES)
  status?: EmployeeStatus;
}

export class EmployeeLoginDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ enum: USER_STATUSES })
  status!: UserStatus;
}

export class EmployeeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId!: string | null;

  @ApiProperty({ example: 'Europe/Kyiv' })
  timeZone!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The employee's own work schedule (not the team's or the default).",
  })
  workScheduleId!: string | null;

  @ApiProperty({ enum: EMPLOYEE_STATUSES })
  status!: EmployeeStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;

  @ApiPropertyOptional({
    type: EmployeeLoginDto,
    nullable: true,
    description: 'The console login linked to this employee (employee list and detail).',
  })
  login?: EmployeeLoginDto | null;
}

export class EmployeePageDto {
  @ApiProperty({ type: [EmployeeDto] })
  items!: EmployeeDto[];

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty()
  total!: number;
}
