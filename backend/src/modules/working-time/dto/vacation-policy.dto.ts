import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

/** The most vacation days a year anyone can be given: a year has no more days. */
export const MAX_VACATION_DAYS = 366;
/** Until an organization sets its own: four weeks of a Monday-to-Friday schedule. */
export const DEFAULT_VACATION_DAYS = 20;

export class VacationPolicyDto {
  @ApiProperty({
    example: 25,
    minimum: 0,
    maximum: MAX_VACATION_DAYS,
    description: `Working days of vacation a year for everyone without their own (default ${DEFAULT_VACATION_DAYS}).`,
  })
  daysPerYear!: number;
}

export class UpdateVacationPolicyDto {
  @ApiProperty({ example: 25, minimum: 0, maximum: MAX_VACATION_DAYS })
  @IsInt({ message: 'daysPerYear must be a whole number of days' })
  @Min(0, { message: 'daysPerYear must not be negative' })
  @Max(MAX_VACATION_DAYS, { message: `daysPerYear must be at most ${MAX_VACATION_DAYS}` })
  daysPerYear!: number;
}

export class VacationAllowanceDto {
  @ApiProperty({ format: 'uuid' })
  employeeId!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 28,
    description: 'The employee’s own days a year; null: the organization’s apply.',
  })
  daysPerYear!: number | null;

  @ApiProperty({ example: 28, description: 'The days a year in force for the employee.' })
  allowanceDays!: number;
}

export class VacationAllowanceListDto {
  @ApiProperty({
    type: [VacationAllowanceDto],
    description: 'Employees in the caller’s scope with days of their own.',
  })
  items!: VacationAllowanceDto[];
}

export class UpdateVacationAllowanceDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 28,
    minimum: 0,
    maximum: MAX_VACATION_DAYS,
    description: 'null removes the employee’s own days: the organization’s apply again.',
  })
  // Required: null is a choice (remove), a missing field is not.
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'daysPerYear must be a whole number of days or null' })
  @Min(0, { message: 'daysPerYear must not be negative' })
  @Max(MAX_VACATION_DAYS, { message: `daysPerYear must be at most ${MAX_VACATION_DAYS}` })
  daysPerYear!: number | null;
}
