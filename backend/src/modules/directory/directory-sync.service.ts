import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { JobQueue, jobIdFor } from '#src/jobs/job-queue.js';
import { CLOCK, type Clock } from '../accounts/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { DirectoryConfigService } from './directory-config.service.js';
import { DirectoryProvisioner, ProvisionRefusedError, roleFor } from './directory-provisioner.js';
import { DirectoryRepository } from './directory.repository.js';
import type { SyncRunDto, SyncRunListDto, SyncRunListQueryDto } from './dto/directory.dto.js';
import type { DirectorySyncRunEntity } from './entities/directory.entities.js';
import { DirectoryUnavailableError, LdapDirectory } from './ldap-directory.js';

const MAX_ERRORS = 100;

export function toSyncRunDto(run: DirectorySyncRunEntity): SyncRunDto {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    created: run.created,
    updated: run.updated,
    deactivated: run.deactivated,
    unchanged: run.unchanged,
    errors: JSON.parse(run.errors) as SyncRunDto['errors'],
    createdAt: new Date(run.createdAt).toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

/**
 * The directory sync: everyone the directory admits (user filter and a mapped group, or the
 * default role) is created or updated; linked people it no longer admits are deactivated and
 * signed out. Runs in the worker, one run per organization at a time.
 */
@Injectable()
export class DirectorySyncService {
  constructor(
    @Inject(DirectoryConfigService) private readonly configs: DirectoryConfigService,
    @Inject(DirectoryRepository) private readonly repository: DirectoryRepository,
    @Inject(DirectoryProvisioner) private readonly provisioner: DirectoryProvisioner,
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** "Run sync now": a queued run, or the one already queued or running. */
  async requestRun(p: Principal): Promise<SyncRunDto> {
    const config = await this.repository.findConfig(p.organizationId);
    if (!config) throw new NotFoundError('Directory configuration');
    const run = await this.startRun(p.organizationId, 'manual');
    return toSyncRunDto(run);
  }

  async listRuns(p: Principal, query: SyncRunListQueryDto): Promise<SyncRunListDto> {
    const { items, total } = await this.repository.listRuns(p.organizationId, query);
    return { items: items.map(toSyncRunDto), page: query.page, pageSize: query.pageSize, total };
  }

  async getRun(p: Principal, id: string): Promise<SyncRunDto> {
    const run = await this.repository.findRun(p.organizationId, id);
    if (!run) throw new NotFoundError('Sync run');
    return toSyncRunDto(run);
  }

  async startRun(
    organizationId: string,
    trigger: 'manual' | 'schedule',
  ): Promise<DirectorySyncRunEntity> {
    const open = await this.repository.findOpenRun(organizationId);
    if (open) return open;
    const run: DirectorySyncRunEntity = {
      id: randomUUID(),
      organizationId,
      trigger,
      status: 'queued',
      created: 0,
      updated: 0,
      deactivated: 0,
      unchanged: 0,
      errors: '[]',
      startedAt: null,
      finishedAt: null,
      createdAt: this.clock.now(),
    };
    await this.repository.insertRun(run);
    await this.enqueue(run);
    return run;
  }

  async enqueue(
    run: Pick<DirectorySyncRunEntity, 'id' | 'organizationId'>,
    replace = false,
  ): Promise<void> {
    await this.queue.enqueue(
      'directory.sync',
      { organizationId: run.organizationId, runId: run.id },
      { jobId: jobIdFor('directory-sync', run.id), replaceFinished: replace },
    );
  }

  /** The scheduler's tick: IT's file applied, and due organizations' runs queued. */
  async dispatchDue(): Promise<number> {
    await this.configs.applyEnvironment();
    const now = this.clock.now();
    const due = await this.repository.dueForSync(now);
    for (const config of due) {
      const minutes = Number(
        (JSON.parse(config.settings) as { syncIntervalMinutes?: number }).syncIntervalMinutes ?? 60,
      );
      await this.repository.setNextSync(
        config.organizationId,
        new Date(now.getTime() + minutes * 60_000),
      );
      await this.startRun(config.organizationId, 'schedule');
    }
    return due.length;
  }

  /** The job: one run, start to end. A failure is recorded on the run, not retried blindly. */
  async run(organizationId: string, runId: string): Promise<void> {
    const run = await this.repository.findRun(organizationId, runId);
    if (!run || run.status === 'succeeded' || run.status === 'failed') return;
    const now = this.clock.now();
    await this.repository.updateRun(organizationId, runId, { status: 'running', startedAt: now });
    const counts = { created: 0, updated: 0, deactivated: 0, unchanged: 0 };
    const errors: { key: string; message: string }[] = [];
    const addError = (key: string, message: string) => {
      if (errors.length < MAX_ERRORS) errors.push({ key, message });
    };
    let status: 'succeeded' | 'failed' = 'succeeded';
    try {
      const directory = await this.configs.load(organizationId);
      if (!directory)
        throw new DirectoryUnavailableError('search', 'The directory configuration was removed.');
      const { people, skipped } = await new LdapDirectory(
        directory.settings,
        directory.bindPassword,
      ).listPeople();
      for (const dn of skipped) addError(dn, `no ${directory.settings.loginAttribute} attribute`);
      const admitted = new Set<string>();
      for (const person of people) {
        const role = roleFor(directory.settings, person.groups);
        if (!role) continue;
        try {
          const { outcome } = await this.provisioner.apply(
            organizationId,
            directory.settings,
            person,
            role,
            now,
          );
          counts[outcome] += 1;
          admitted.add(person.key);
        } catch (error) {
          if (!(error instanceof ProvisionRefusedError)) throw error;
          addError(person.login, error.message);
          // Refused now, but linked before: keep them as they are rather than deactivate.
          admitted.add(person.key);
        }
      }
      for (const link of await this.repository.activeLinks(organizationId)) {
        if (admitted.has(link.directoryKey)) continue;
        if (await this.provisioner.deactivate(organizationId, link, now)) counts.deactivated += 1;
      }
    } catch (error) {
      status = 'failed';
      if (error instanceof DirectoryUnavailableError) addError(error.code, error.message);
      else {
        logger.error({ err: error, organizationId, runId }, 'directory sync failed');
        addError('error', 'Unexpected error; see the worker log.');
      }
    }
    await this.repository.updateRun(organizationId, runId, {
      status,
      ...counts,
      errors: JSON.stringify(errors),
      finishedAt: this.clock.now(),
    });
    await this.audit.record({
      organizationId,
      action: status === 'succeeded' ? 'directory.sync-completed' : 'directory.sync-failed',
      targetType: 'directory-sync-run',
      targetId: runId,
      details: { ...counts, errors: errors.length, trigger: run.trigger },
    });
  }
}
