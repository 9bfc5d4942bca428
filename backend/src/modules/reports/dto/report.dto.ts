import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PRODUCTIVITIES, type Productivity } from '#src/modules/activity/counting/productivity.js';
import {
  ACTIVITY_KEY_KINDS,
  type ActivityKeyKind,
} from '#src/modules/activity/entities/activity-key.entity.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = 'must be a day as YYYY-MM-DD';

export class DayRangeQueryDto {
  @ApiProperty({
    example: '2026-11-01',
    description: 'First day (inclusive), YYYY-MM-DD, in each employee’s zone.',
  })
  @IsString()
  @Matches(DAY, { message: `from ${DAY_MESSAGE}` })
  from!: string;

  @ApiProperty({
    example: '2026-11-30',
    description: 'Last day (inclusive); at most 366 days after from.',
  })
  @IsString()
  @Matches(DAY, { message: `to ${DAY_MESSAGE}` })
  to!: string;
}

export class SummaryQueryDto extends DayRangeQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this team’s employees.' })
  @IsOptional()
  @IsUUID('all')
  teamId?: string;
}

export class UsageQueryDto extends DayRangeQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  teamId?: string;
}

export class TrendQueryDto extends DayRangeQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this employee.' })
  @IsOptional()
  @IsUUID('all')
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this team’s employees.' })
  @IsOptional()
  @IsUUID('all')
  teamId?: string;
}

export class TimelineQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  employeeId!: string;

  @ApiProperty({ example: '2026-11-02', description: 'A local day of the employee, YYYY-MM-DD.' })
  @IsString()
  @Matches(DAY, { message: `day ${DAY_MESSAGE}` })
  day!: string;
}

const AT_DESCRIPTION =
  'ISO 8601 with the employee’s UTC offset at that instant. First: the start of the first second of active time within the range; last: the end of the last one. null when the range holds only idle time.';

export class SummaryRowDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({
    description: 'Union of the employee’s active spans over all devices, in seconds.',
  })
  activeSeconds!: number;
  @ApiProperty({ description: 'Union of idle spans minus active time, in seconds.' })
  idleSeconds!: number;
  @ApiProperty({ description: 'productive + neutral + unproductive = active.' })
  productiveSeconds!: number;
  @ApiProperty() neutralSeconds!: number;
  @ApiProperty() unproductiveSeconds!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: AT_DESCRIPTION,
    example: '2026-11-02T08:59:30.000+01:00',
  })
  firstActivityAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: AT_DESCRIPTION })
  lastActivityAt!: string | null;
}

export class SummaryDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({
    type: [SummaryRowDto],
    description:
      'One row per employee in scope with any active or idle time in the range, by name.',
  })
  rows!: SummaryRowDto[];
}

export class TrendDayDto {
  @ApiProperty({ example: '2026-11-02', description: 'A local day (each employee’s own zone).' })
  day!: string;
  @ApiProperty({ description: 'Employees with any active or idle time that day.' })
  employees!: number;
  @ApiProperty() activeSeconds!: number;
  @ApiProperty() idleSeconds!: number;
  @ApiProperty() productiveSeconds!: number;
  @ApiProperty() neutralSeconds!: number;
  @ApiProperty() unproductiveSeconds!: number;
}

export class TrendDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({
    type: [TrendDayDto],
    description:
      'Every day of the range, in order, days without activity included (zeros). Each day is the sum of the summary’s rows for that one day.',
  })
  days!: TrendDayDto[];
}

export class TeamComparisonRowDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: people in no team.',
  })
  teamId!: string | null;
  @ApiProperty({ description: 'Employees of the team with any active or idle time in the range.' })
  employees!: number;
  @ApiProperty() activeSeconds!: number;
  @ApiProperty() idleSeconds!: number;
  @ApiProperty() productiveSeconds!: number;
  @ApiProperty() neutralSeconds!: number;
  @ApiProperty() unproductiveSeconds!: number;
}

export class TeamComparisonDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({
    type: [TeamComparisonRowDto],
    description:
      'One row per team with activity in the range (each the sum of its people’s summary rows), most active time first.',
  })
  rows!: TeamComparisonRowDto[];
}

export class UsageRowDto {
  @ApiProperty({ enum: ACTIVITY_KEY_KINDS }) kind!: ActivityKeyKind;
  @ApiProperty({
    description: 'Application name, or host name (lower case, no port) for spans with a URL.',
  })
  name!: string;
  @ApiProperty({ description: 'Sum over employees of each one’s union of spans with this name.' })
  seconds!: number;
  @ApiProperty({
    enum: PRODUCTIVITIES,
    description: 'Organization-level class (team rules may differ).',
  })
  productivity!: Productivity;
}

export class UsageDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [UsageRowDto], description: 'Sorted by seconds, descending.' })
  rows!: UsageRowDto[];
}

export class TimelineEntryDto {
  @ApiProperty({ enum: ['active', 'idle'] }) kind!: 'active' | 'idle';
  @ApiProperty({ description: 'ISO 8601 with the employee’s offset.' }) start!: string;
  @ApiProperty() end!: string;
  @ApiProperty() seconds!: number;
  @ApiProperty({ type: String, nullable: true }) app!: string | null;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Host name when the span had a URL.' })
  site!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({
    enum: PRODUCTIVITIES,
    nullable: true,
    description: 'Under the rules of the employee’s team; null for idle.',
  })
  productivity!: Productivity | null;
}

export class TimelineDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() day!: string;
  @ApiProperty({ description: 'The IANA zone the day is counted in.' }) timeZone!: string;
  @ApiProperty() activeSeconds!: number;
  @ApiProperty() idleSeconds!: number;
  @ApiProperty({
    type: [TimelineEntryDto],
    description:
      'Merged spans in time order: where devices overlap, the span deciding the class stands for that time.',
  })
  spans!: TimelineEntryDto[];
}
