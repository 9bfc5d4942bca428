import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export const AGENT_PLATFORMS = ['linux-x64', 'linux-arm64', 'linux', 'windows', 'macos'] as const;

export class AgentDownloadDto {
  @ApiProperty({ example: 'calltimex-agent-0.1.0-linux-x64.tar.gz' })
  file!: string;

  @ApiProperty({ enum: AGENT_PLATFORMS })
  platform!: (typeof AGENT_PLATFORMS)[number];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Set for the agent bundles built here',
  })
  version!: string | null;

  @ApiProperty({ description: 'Bytes' })
  size!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256!: string;

  @ApiProperty({ example: '/api/v1/agent/downloads/calltimex-agent-0.1.0-linux-x64.tar.gz' })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  modifiedAt!: string;
}

export class AgentDownloadListDto {
  @ApiProperty({ type: [AgentDownloadDto] })
  items!: AgentDownloadDto[];
}

export class AgentDownloadFileParamDto {
  @ApiProperty({ example: 'calltimex-agent-0.1.0-linux-x64.tar.gz' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, { message: 'file must be a download’s file name' })
  file!: string;
}
