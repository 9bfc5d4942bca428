import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ConflictError, ForbiddenError } from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { JobQueue, jobIdFor } from '#src/jobs/job-queue.js';
import { EmployeesService } from '../accounts/employees/employees.service.js';
import type { EmployeeDto } from '../accounts/employees/employee.dto.js';
import { TeamsService } from '../accounts/teams/teams.service.js';
import { IngestionService } from '../activity/ingestion/ingestion.service.js';
import { ProductivityRulesService } from '../activity/rules/productivity-rules.service.js';
import { DeviceAuthService } from '../agent/device-auth.service.js';
import { EnrollmentService } from '../agent/enrollment.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ErasureService } from '../privacy/erasure/erasure.service.js';
import { NoticeService } from '../privacy/notice/notice.service.js';
import { DemoDatasetEntity } from './demo-dataset.entity.js';
import { DemoRepository } from './demo.repository.js';
import {
  DEMO_DEFAULT_SEED,
  DEMO_EMAIL_DOMAIN,
  DEMO_RULES,
  TEAM_PROFILES,
  demoEvents,
  demoRoster,
  type DemoEvent,
  type DemoTeamKey,
} from './demo-generator.js';
import { DEMO_NOTICE } from './demo-notice.js';
import type { DemoStatusDto, LoadDemoDto } from './dto/demo.dto.js';

const BATCH = 2_000;
/** A load or removal whose marker has not moved for this long died with its process. */
const STALE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export interface DemoLoadOptions {
  employees: number;
  days: number;
  seed: number;
}

export type DemoProgress = (done: number, total: number) => void;

/** The CLI and the jobs act as the organization itself: no user, owner rights. */
export function systemPrincipal(organizationId: string): Principal {
  return {
    organizationId,
    userId: null,
    role: 'owner',
    employeeId: null,
    sessionId: '',
  } as unknown as Principal;
}

export function isDemoEmail(email: string): boolean {
  return email.toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}

export function demoTeamName(key: DemoTeamKey): string {
  const profile = TEAM_PROFILES.find((t) => t.key === key);
  return `${profile?.name ?? key} (demo)`;
}

/**
 * A realistic organization for a trial: teams, people in several time zones, a month of office and
 * contact-centre days, rules, a published notice. Everything goes in through the owning modules'
 * services (activity through ingestion, as an agent's would), and comes out through privacy
 * erasure, person by person, as an erasure request would take it.
 */
@Injectable()
export class DemoService {
  constructor(
    @Inject(DemoRepository) private readonly repository: DemoRepository,
    @Inject(EmployeesService) private readonly employees: EmployeesService,
    @Inject(TeamsService) private readonly teams: TeamsService,
    @Inject(ProductivityRulesService) private readonly rules: ProductivityRulesService,
    @Inject(EnrollmentService) private readonly enrollment: EnrollmentService,
    @Inject(DeviceAuthService) private readonly deviceAuth: DeviceAuthService,
    @Inject(IngestionService) private readonly ingestion: IngestionService,
    @Inject(NoticeService) private readonly notices: NoticeService,
    @Inject(ErasureService) private readonly erasure: ErasureService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(p: Principal, now = new Date()): Promise<DemoStatusDto> {
    const marker = await this.repository.find(p.organizationId);
    const all = await this.allEmployees(p.organizationId);
    const demo = all.filter((e) => isDemoEmail(e.email));
    const others = all.length - demo.length;
    let reason: string | null = null;
    if (!this.config.allowDemoData) {
      reason =
        'Demo data is offered in embedded mode; on a server set ALLOW_DEMO_DATA=true or use the CLI (calltimex-cli demo load).';
    } else if (marker || demo.length > 0) {
      reason = 'Demo data is already loaded.';
    } else if (others > 0) {
      reason = 'The organization already has employees: demo data is only for an empty one.';
    }
    const state = marker ? this.effectiveState(marker, now) : demo.length > 0 ? 'failed' : 'none';
    return {
      state,
      canLoad: reason === null,
      reason,
      counts: {
        teams: marker?.teamIds.length ?? 0,
        employees: demo.length,
        rules: marker?.ruleIds.length ?? 0,
      },
      progress:
        marker && (marker.state === 'loading' || marker.state === 'removing')
          ? { done: marker.progressDone, total: marker.progressTotal }
          : null,
      seed: marker?.seed ?? null,
      days: marker?.days ?? null,
      startedAt: marker ? new Date(marker.startedAt).toISOString() : null,
      error:
        marker?.error ?? (state === 'failed' && !marker?.error ? this.staleText(marker) : null),
    };
  }

  /** POST /demo: checks, writes the marker, and leaves the work to the job. */
  async requestLoad(p: Principal, dto: LoadDemoDto): Promise<DemoStatusDto> {
    if (!this.config.allowDemoData) {
      throw new ForbiddenError(
        'Demo data is offered in embedded mode only. On a server, set ALLOW_DEMO_DATA=true or run "calltimex-cli demo load".',
        'demo-not-offered',
      );
    }
    await this.begin(p.organizationId, this.options(dto));
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'demo.load-requested',
      targetType: 'organization',
      targetId: p.organizationId,
    });
    await this.queue.enqueue(
      'demo.load',
      { organizationId: p.organizationId },
      { jobId: jobIdFor('demo-load', p.organizationId) },
    );
    return this.status(p);
  }

  /** DELETE /demo: marks the removal and leaves the work to the job. */
  async requestRemoval(p: Principal, now = new Date()): Promise<DemoStatusDto> {
    await this.beginRemoval(p.organizationId, now);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'demo.removal-requested',
      targetType: 'organization',
      targetId: p.organizationId,
    });
    await this.queue.enqueue(
      'demo.remove',
      { organizationId: p.organizationId },
      { jobId: jobIdFor('demo-remove', `${p.organizationId}-${now.getTime()}`) },
    );
    return this.status(p);
  }

  options(dto: LoadDemoDto): DemoLoadOptions {
    return {
      employees: dto.employees ?? 50,
      days: dto.days ?? 30,
      seed: dto.seed ?? DEMO_DEFAULT_SEED,
    };
  }

  /** Refuses an organization that has people of its own, or a demo already. */
  async begin(organizationId: string, options: DemoLoadOptions, now = new Date()): Promise<void> {
    const all = await this.allEmployees(organizationId);
    if (all.some((e) => isDemoEmail(e.email)) || (await this.repository.find(organizationId))) {
      throw new ConflictError(
        'Demo data is already loaded in this organization; remove it first.',
        'demo-loaded',
      );
    }
    if (all.length > 0) {
      throw new ConflictError(
        `The organization already has ${all.length} employee(s) and their activity: demo data is only loaded into an empty organization, so that it can never mix with real data.`,
        'organization-not-empty',
      );
    }
    const marker = Object.assign(new DemoDatasetEntity(), {
      organizationId,
      state: 'loading',
      seed: options.seed,
      employeesWanted: options.employees,
      days: options.days,
      progressDone: 0,
      progressTotal: options.employees,
      teamIds: [],
      ruleIds: [],
      enrollmentTokenId: null,
      noticeId: null,
      error: null,
      startedAt: now,
      updatedAt: now,
    });
    if (!(await this.repository.insert(marker))) {
      throw new ConflictError('Demo data is already being loaded.', 'demo-loaded');
    }
  }

  async beginRemoval(organizationId: string, now = new Date()): Promise<void> {
    const marker = await this.repository.find(organizationId);
    const demo = (await this.allEmployees(organizationId)).filter((e) => isDemoEmail(e.email));
    if (!marker && demo.length === 0) {
      throw new ConflictError('There is no demo data in this organization.', 'demo-not-loaded');
    }
    if (!marker) {
      // Demo people without a marker (an interrupted removal): take them all the same.
      await this.repository.insert(
        Object.assign(new DemoDatasetEntity(), {
          organizationId,
          state: 'removing',
          seed: DEMO_DEFAULT_SEED,
          employeesWanted: demo.length,
          days: 0,
          progressDone: 0,
          progressTotal: demo.length,
          teamIds: [],
          ruleIds: [],
          enrollmentTokenId: null,
          noticeId: null,
          error: null,
          startedAt: now,
          updatedAt: now,
        }),
      );
      return;
    }
    const state = this.effectiveState(marker, now);
    if (state === 'loading' || state === 'removing') {
      throw new ConflictError(
        state === 'loading'
          ? 'Demo data is still being loaded; remove it once loading has finished.'
          : 'Demo data is already being removed.',
        'demo-busy',
      );
    }
    await this.repository.transition(organizationId, [marker.state], 'removing');
    await this.repository.update(organizationId, { progressTotal: demo.length });
  }

  /** The load itself: resumable (what exists is kept), progress per employee. */
  async load(organizationId: string, progress?: DemoProgress, now = new Date()): Promise<void> {
    const marker = await this.repository.find(organizationId);
    if (!marker || marker.state !== 'loading') return;
    try {
      await this.fill(marker, progress, now);
      await this.repository.update(organizationId, { state: 'loaded', error: null });
      await this.audit.record({
        organizationId,
        action: 'demo.loaded',
        targetType: 'organization',
        targetId: organizationId,
        details: { employees: marker.employeesWanted, days: marker.days, seed: marker.seed },
      });
    } catch (error) {
      logger.error({ err: error, organizationId }, 'demo data could not be loaded');
      await this.repository.update(organizationId, {
        state: 'failed',
        error: 'Loading stopped part way. Remove the demo data and load it again.',
      });
      throw error;
    }
  }

  /** The last day of demo activity: the day before yesterday in UTC, so every zone's day is over. */
  lastDay(now: Date): string {
    return new Date(now.getTime() - 2 * DAY_MS).toISOString().slice(0, 10);
  }

  private async fill(
    marker: DemoDatasetEntity,
    progress: DemoProgress | undefined,
    now: Date,
  ): Promise<void> {
    const organizationId = marker.organizationId;
    const p = systemPrincipal(organizationId);
    const roster = demoRoster(marker.employeesWanted);
    // From the request's time, so a job that runs later (or again) produces the same days.
    const reference = new Date(marker.startedAt);
    const lastDay = this.lastDay(reference);

    const teamIds = new Map<DemoTeamKey, string>();
    const existingTeams = await this.teams.list(p, { page: 1, pageSize: 200 });
    for (const key of [...new Set(roster.map((r) => r.team))]) {
      const name = demoTeamName(key);
      const known = existingTeams.items.find(
        (t) => t.name === name && marker.teamIds.includes(t.id),
      );
      const team = known ?? (await this.teams.create(p, { name }));
      teamIds.set(key, team.id);
      marker.teamIds = [...new Set([...marker.teamIds, team.id])];
      await this.repository.update(organizationId, { teamIds: marker.teamIds });
    }

    const rules = await this.rules.list(p, {});
    for (const rule of DEMO_RULES) {
      const taken = rules.some(
        (r) =>
          r.teamId === null && r.kind === rule.kind && r.pattern.toLowerCase() === rule.pattern,
      );
      if (taken) continue;
      const created = await this.rules.create(p, rule);
      marker.ruleIds = [...marker.ruleIds, created.id];
      await this.repository.update(organizationId, { ruleIds: marker.ruleIds });
    }

    const notices = await this.notices.list(p);
    let current = notices.items
      .filter((n) => n.publishedAt)
      .sort((a, b) => b.version - a.version)[0];
    if (!current) {
      const draft = await this.notices.createDraft(p, DEMO_NOTICE);
      current = await this.notices.publish(p, draft.id);
      await this.repository.update(organizationId, { noticeId: current.id });
    }

    const token = await this.enrollment.createToken(
      p,
      { expiresInHours: 1, maxUses: roster.length },
      now,
    );
    await this.repository.update(organizationId, { enrollmentTokenId: token.id });
    try {
      const existing = new Map(
        (await this.allEmployees(organizationId)).map((e) => [e.email.toLowerCase(), e]),
      );
      let done = 0;
      for (const person of roster) {
        if (existing.has(person.email)) {
          // Loaded by an earlier, interrupted run: its activity is there (ingestion is idempotent).
          done++;
          continue;
        }
        const employee = await this.employees.create(p, {
          fullName: person.fullName,
          email: person.email,
          teamId: teamIds.get(person.team),
          timeZone: person.timeZone,
        });
        const enrolled = await this.enrollment.enroll(
          {
            enrollmentToken: token.token,
            employeeEmail: employee.email,
            hostname: person.hostname,
            os: person.os,
            agentVersion: 'demo',
          },
          null,
          now,
        );
        const device = await this.deviceAuth.authenticate(
          enrolled.deviceToken,
          null,
          now.getTime(),
        );
        await this.notices.acknowledge(device, { version: current.version, language: 'en' });
        const events = demoEvents(person, {
          employees: marker.employeesWanted,
          days: marker.days,
          seed: marker.seed,
          lastDay,
        }).filter((e) => Date.parse(e.end) <= reference.getTime());
        for (let i = 0; i < events.length; i += BATCH) {
          const result = await this.ingestion.ingest(
            device,
            { events: events.slice(i, i + BATCH).map(toAgentEvent) },
            now.getTime(),
          );
          if (result.rejected.length > 0) {
            throw new Error(`demo events rejected: ${result.rejected[0].reason}`);
          }
        }
        done++;
        await this.repository.update(organizationId, { progressDone: done });
        progress?.(done, roster.length);
      }
    } finally {
      await this.enrollment.revokeToken(p, token.id, now).catch(() => undefined);
    }
  }

  /** Removes every demo person through erasure, then what the demo created; resumable. */
  async remove(organizationId: string, progress?: DemoProgress): Promise<void> {
    const marker = await this.repository.find(organizationId);
    if (!marker || marker.state !== 'removing') return;
    const p = systemPrincipal(organizationId);
    const demo = (await this.allEmployees(organizationId)).filter((e) => isDemoEmail(e.email));
    const total = demo.length;
    let done = 0;
    for (const employee of demo) {
      const verification = await this.erasure.erase(organizationId, employee.id, []);
      if (!verification.passed) {
        logger.warn(
          { organizationId, employeeId: employee.id, findings: verification.findings },
          'demo erasure verification found remains',
        );
      }
      done++;
      await this.repository.update(organizationId, { progressDone: done, progressTotal: total });
      progress?.(done, total);
    }
    for (const id of marker.ruleIds) {
      await this.rules.delete(p, id).catch(() => undefined);
    }
    for (const id of marker.teamIds) {
      await this.teams.delete(p, id).catch(() => undefined);
    }
    await this.repository.delete(organizationId);
    await this.audit.record({
      organizationId,
      action: 'demo.removed',
      targetType: 'organization',
      targetId: organizationId,
      details: { employees: total },
    });
  }

  private effectiveState(
    marker: DemoDatasetEntity,
    now: Date,
  ): 'loading' | 'loaded' | 'failed' | 'removing' {
    const busy = marker.state === 'loading' || marker.state === 'removing';
    if (busy && now.getTime() - new Date(marker.updatedAt).getTime() > STALE_MS) return 'failed';
    return marker.state;
  }

  private staleText(marker: DemoDatasetEntity | null): string | null {
    if (!marker) return 'Demo people were left by an interrupted removal; remove them again.';
    return 'The demo job stopped part way (the process ended). Remove the demo data and try again.';
  }

  private async allEmployees(organizationId: string): Promise<EmployeeDto[]> {
    const p = systemPrincipal(organizationId);
    const out: EmployeeDto[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.employees.list(p, { page, pageSize: 200 });
      out.push(...batch.items);
      if (batch.items.length < 200 || out.length >= batch.total) return out;
    }
  }
}

function toAgentEvent(e: DemoEvent): Record<string, string> {
  const out: Record<string, string> = { id: e.id, kind: e.kind, start: e.start, end: e.end };
  if (e.app) out.app = e.app;
  if (e.title) out.title = e.title;
  if (e.url) out.url = e.url;
  return out;
}
