import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PRODUCTIVITIES, type Productivity } from '#src/modules/activity/counting/productivity.js';
import {
  ACTIVITY_KEY_KINDS,
  type ActivityKeyKind,
} from '#src/modules/activity/entities/activity-key.entity.js';
import type { RuleRow } from '../productivity-rules.repository.js';

export class CreateProductivityRuleDto {
  @ApiProperty({
    enum: ACTIVITY_KEY_KINDS,
    description:
      'app: matches spans without a URL by application name; site: spans with a URL by host.',
  })
  @IsIn(ACTIVITY_KEY_KINDS)
  kind!: ActivityKeyKind;

  @ApiProperty({
    maxLength: 255,
    description:
      'app: the application name, matched whole and case-insensitively. site: a host name; it matches the host and all its subdomains (a URL or *.host is reduced to the host).',
    example: 'github.com',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  pattern!: string;

  @ApiProperty({ enum: PRODUCTIVITIES })
  @IsIn(PRODUCTIVITIES)
  productivity!: Productivity;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A team rule overrides the organization rule for that team’s employees.',
  })
  @IsOptional()
  @IsUUID('all')
  teamId?: string;
}

export class UpdateProductivityRuleDto {
  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  pattern?: string;

  @ApiPropertyOptional({ enum: PRODUCTIVITIES })
  @IsOptional()
  @IsIn(PRODUCTIVITIES)
  productivity?: Productivity;
}

export class ListProductivityRulesQueryDto {
  @ApiPropertyOptional({ enum: ACTIVITY_KEY_KINDS })
  @IsOptional()
  @IsIn(ACTIVITY_KEY_KINDS)
  kind?: ActivityKeyKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this team’s rules.' })
  @IsOptional()
  @IsUUID('all')
  teamId?: string;
}

export class ProductivityRuleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ACTIVITY_KEY_KINDS }) kind!: ActivityKeyKind;
  @ApiProperty() pattern!: string;
  @ApiProperty({ enum: PRODUCTIVITIES }) productivity!: Productivity;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null: organization rule',
  })
  teamId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(r: RuleRow): ProductivityRuleDto {
    return {
      id: r.id,
      kind: r.kind,
      pattern: r.pattern,
      productivity: r.productivity,
      teamId: r.teamId,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}

export class ProductivityRuleListDto {
  @ApiProperty({ type: [ProductivityRuleDto] }) items!: ProductivityRuleDto[];
}
