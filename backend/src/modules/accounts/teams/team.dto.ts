import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '#src/common/validation/common.dto.js';
import { OptionalNotNull, Trim } from '../dto/validators.js';

export class CreateTeamDto {
  @ApiProperty({ maxLength: 200, example: 'Support' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class UpdateTeamDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The team's work schedule; null falls back to the organization's default.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'workScheduleId must be a UUID' })
  workScheduleId?: string | null;
}

export class SetTeamManagersDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: 100,
    description: "Replaces the team's managers.",
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'userIds must contain UUIDs' })
  userIds!: string[];
}

export class TeamListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class TeamDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Users who manage this team.' })
  managerUserIds!: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  workScheduleId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class TeamPageDto {
  @ApiProperty({ type: [TeamDto] })
  items!: TeamDto[];

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty()
  total!: number;
}
