import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { JobQueue } from '#src/jobs/job-queue.js';
import {
  FailedJobListDto,
  FailedJobsQueryDto,
  JobIdParamDto,
  RetriedJobDto,
} from './jobs-admin.dto.js';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsAdminController {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}

  @Get('failed')
  @RequirePermissions('jobs:manage')
  @ApiOkResponse({ type: FailedJobListDto })
  @ApiOperation({ summary: 'List failed background jobs' })
  async listFailedJobs(
    @CurrentPrincipal() principal: Principal,
    @Query() { limit }: FailedJobsQueryDto,
  ): Promise<FailedJobListDto> {
    const jobs = await this.queue.listFailed(principal.organizationId, limit);
    return {
      items: jobs.map((job) => ({
        id: job.id,
        queue: job.queue,
        name: job.name,
        failedReason: job.failedReason,
        attemptsMade: job.attemptsMade,
        failedAt: job.failedAt?.toISOString() ?? null,
        data: job.data,
      })),
    };
  }

  @Post('failed/:id/retry')
  @HttpCode(202)
  @RequirePermissions('jobs:manage')
  @ApiAcceptedResponse({ type: RetriedJobDto })
  @ApiOperation({ summary: 'Retry a failed background job' })
  async retryFailedJob(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: JobIdParamDto,
  ): Promise<RetriedJobDto> {
    if (!(await this.queue.retryFailed(principal.organizationId, id))) {
      throw new NotFoundError('Failed job');
    }
    return { id, status: 'waiting' };
  }
}
