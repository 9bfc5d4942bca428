import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import { EmployeesRepository } from '../accounts/employees/employees.repository.js';
import { TeamsService } from '../accounts/teams/teams.service.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  ScreenshotSettingsDto,
  ScreenshotSettingsOverviewDto,
  UpdateScreenshotSettingsDto,
} from './dto/screenshot-settings.dto.js';
import { ScreenshotSettingsEntity } from './entities/screenshot-settings.entity.js';
import { NoticeDoesNotCoverScreenshotsError } from './screenshots.errors.js';
import { ScreenshotNotices } from './screenshot-notices.js';
import { ORGANIZATION_SCOPE, ScreenshotsRepository } from './screenshots.repository.js';

/** Off until HR turns them on; the rest are sensible starting values. */
export const SCREENSHOT_DEFAULTS: ScreenshotSettingsDto = {
  enabled: false,
  intervalSeconds: 600,
  randomize: false,
  blur: 'none',
  excludedApps: [],
  excludedSites: [],
  retentionDays: 30,
  deleteWindowHours: 24,
};

function toDto(s: ScreenshotSettingsEntity | null): ScreenshotSettingsDto {
  if (!s) return { ...SCREENSHOT_DEFAULTS };
  return {
    enabled: Boolean(s.enabled),
    intervalSeconds: s.intervalSeconds,
    randomize: Boolean(s.randomize),
    blur: s.blur,
    excludedApps: [...s.excludedApps],
    excludedSites: [...s.excludedSites],
    retentionDays: s.retentionDays,
    deleteWindowHours: s.deleteWindowHours,
  };
}

export interface EffectiveSettings {
  settings: ScreenshotSettingsDto;
  /** The employee's team now (null: none). */
  teamId: string | null;
}

/** Screenshot settings: the organization's, team overrides, and what applies to one employee. */
@Injectable()
export class ScreenshotSettingsService {
  constructor(
    @Inject(ScreenshotsRepository) private readonly repository: ScreenshotsRepository,
    @Inject(ScreenshotNotices) private readonly notices: ScreenshotNotices,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(TeamsService) private readonly teams: TeamsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async overview(p: Principal): Promise<ScreenshotSettingsOverviewDto> {
    const rows = await this.repository.listSettings(p.organizationId);
    const org = rows.find((r) => r.scope === ORGANIZATION_SCOPE) ?? null;
    const teamRows = rows.filter((r) => r.scope !== ORGANIZATION_SCOPE);
    const names = await this.teams.namesByIds(
      p.organizationId,
      teamRows.map((r) => r.scope),
    );
    return {
      organization: toDto(org),
      teams: teamRows
        .filter((r) => names.has(r.scope))
        .map((r) => ({ teamId: r.scope, teamName: names.get(r.scope) ?? '', ...toDto(r) }))
        .sort((a, b) => a.teamName.localeCompare(b.teamName)),
    };
  }

  async updateOrganization(
    p: Principal,
    dto: UpdateScreenshotSettingsDto,
  ): Promise<ScreenshotSettingsDto> {
    const current = toDto(await this.repository.findSettings(p.organizationId, ORGANIZATION_SCOPE));
    return this.save(p, ORGANIZATION_SCOPE, current, dto);
  }

  async updateTeam(
    p: Principal,
    teamId: string,
    dto: UpdateScreenshotSettingsDto,
  ): Promise<ScreenshotSettingsDto> {
    await this.scope.assertCanSeeTeam(p, teamId);
    const own = await this.repository.findSettings(p.organizationId, teamId);
    const base = own
      ? toDto(own)
      : toDto(await this.repository.findSettings(p.organizationId, ORGANIZATION_SCOPE));
    return this.save(p, teamId, base, dto);
  }

  async deleteTeam(p: Principal, teamId: string): Promise<void> {
    await this.scope.assertCanSeeTeam(p, teamId);
    if (!(await this.repository.deleteSettings(p.organizationId, teamId))) {
      throw new NotFoundError('Team screenshot settings');
    }
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'screenshots.settings-changed',
      targetType: 'team',
      targetId: teamId,
      details: { inherited: true },
    });
  }

  /** What applies to the employee now: their team's override, else the organization's. */
  async effectiveFor(organizationId: string, employeeId: string): Promise<EffectiveSettings> {
    const employee = await this.employees.findById(organizationId, employeeId);
    const teamId = employee?.teamId ?? null;
    const own = teamId ? await this.repository.findSettings(organizationId, teamId) : null;
    const row = own ?? (await this.repository.findSettings(organizationId, ORGANIZATION_SCOPE));
    return { settings: toDto(row), teamId };
  }

  /** Retention per scope: the organization's days, and the teams that keep theirs. */
  async retention(
    organizationId: string,
  ): Promise<{ organizationDays: number; teams: { teamId: string; days: number }[] }> {
    const rows = await this.repository.listSettings(organizationId);
    const org = rows.find((r) => r.scope === ORGANIZATION_SCOPE);
    return {
      organizationDays: org?.retentionDays ?? SCREENSHOT_DEFAULTS.retentionDays,
      teams: rows
        .filter((r) => r.scope !== ORGANIZATION_SCOPE)
        .map((r) => ({ teamId: r.scope, days: r.retentionDays })),
    };
  }

  private async save(
    p: Principal,
    scope: string,
    current: ScreenshotSettingsDto,
    dto: UpdateScreenshotSettingsDto,
  ): Promise<ScreenshotSettingsDto> {
    const next: ScreenshotSettingsDto = {
      enabled: dto.enabled ?? current.enabled,
      intervalSeconds: dto.intervalSeconds ?? current.intervalSeconds,
      randomize: dto.randomize ?? current.randomize,
      blur: dto.blur ?? current.blur,
      excludedApps: normalizeNames(dto.excludedApps ?? current.excludedApps),
      excludedSites: normalizeNames(dto.excludedSites ?? current.excludedSites, true),
      retentionDays: dto.retentionDays ?? current.retentionDays,
      deleteWindowHours: dto.deleteWindowHours ?? current.deleteWindowHours,
    };
    if (next.enabled) {
      const notice = await this.notices.current(p.organizationId);
      if (!notice?.coversScreenshots) throw new NoticeDoesNotCoverScreenshotsError();
    }
    await this.repository.saveSettings(
      Object.assign(new ScreenshotSettingsEntity(), {
        organizationId: p.organizationId,
        scope,
        ...next,
      }),
    );
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'screenshots.settings-changed',
      targetType: scope === ORGANIZATION_SCOPE ? 'organization' : 'team',
      targetId: scope === ORGANIZATION_SCOPE ? p.organizationId : scope,
      details: {
        fields: Object.keys(dto).sort(),
        enabled: next.enabled,
        blur: next.blur,
        intervalSeconds: next.intervalSeconds,
        retentionDays: next.retentionDays,
      },
    });
    return next;
  }
}

function normalizeNames(names: string[], hosts = false): string[] {
  const out = names.map((n) => (hosts ? n.trim().toLowerCase() : n.trim())).filter(Boolean);
  return [...new Set(out)];
}
