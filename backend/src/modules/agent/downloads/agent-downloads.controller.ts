import { Controller, Get, Inject, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#src/common/auth/permissions.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { AgentDownloadFileParamDto, AgentDownloadListDto } from './agent-download.dto.js';
import { AgentDownloadsService } from './agent-downloads.service.js';

/** An origin a client may put in a Host header and the script may quote: no spaces, no quotes. */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Public: the agent is not a secret (the enrollment token is), and a machine with only curl must
 * be able to fetch it.
 */
@ApiTags('agent')
@Controller('agent')
export class AgentDownloadsController {
  constructor(
    @Inject(AgentDownloadsService) private readonly downloads: AgentDownloadsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('downloads')
  @ApiOperation({ summary: 'The agent bundles and installers this server offers, with SHA-256' })
  @ApiOkResponse({ type: AgentDownloadListDto })
  async listAgentDownloads(): Promise<AgentDownloadListDto> {
    return { items: await this.downloads.list() };
  }

  @Public()
  @Get('downloads/:file')
  @ApiOperation({ summary: 'Download an agent bundle or installer' })
  @ApiProduces('application/gzip', 'application/octet-stream')
  async downloadAgent(
    @Param() { file }: AgentDownloadFileParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { download, stream } = await this.downloads.open(file);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Checksum-SHA256', download.sha256);
    return new StreamableFile(stream, {
      type: file.endsWith('.tar.gz') ? 'application/gzip' : 'application/octet-stream',
      disposition: `attachment; filename="${download.file}"`,
      length: download.size,
    });
  }

  @Public()
  @Get('install.sh')
  @ApiOperation({
    summary:
      'The Linux install script: `curl -fsSL <server>/api/v1/agent/install.sh | sh -s -- --token T --email E`',
  })
  @ApiProduces('text/x-shellscript')
  async agentInstallScript(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    res.setHeader('Content-Type', 'text/x-shellscript; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    return this.downloads.installScript(this.serverUrl(req));
  }

  /** The address this client reached us at (behind trusted proxies, what they forwarded). */
  private serverUrl(req: Request): string {
    const origin = `${req.protocol}://${req.get('host') ?? ''}`;
    return ORIGIN.test(origin) ? origin : this.config.http.publicUrl;
  }
}
