import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
  type FieldError,
} from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import {
  DirectorySettingsSchema,
  directorySettingsProblems,
} from '#src/config/directory-settings.js';
import { CLOCK, type Clock } from '../accounts/clock.js';
import { OrganizationsRepository } from '../accounts/organizations/organizations.repository.js';
import { TeamsRepository } from '../accounts/teams/teams.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox } from '#src/common/crypto/secret-box.js';
import { DirectoryRepository } from './directory.repository.js';
import type { DirectoryConfigDto, PutDirectoryConfigDto } from './dto/directory.dto.js';
import type { DirectoryConfigEntity } from './entities/directory.entities.js';
import { assertValidFilter } from './ldap-filters.js';
import type { DirectorySettings } from './ldap-directory.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SETTINGS_KEYS = Object.keys(
  new DirectorySettingsSchema(),
) as (keyof DirectorySettingsSchema)[];

/** What sign-in and sync work from: the settings and the opened bind password. */
export interface LoadedDirectory {
  organizationId: string;
  settings: DirectorySettings;
  bindPassword: string | null;
}

export function settingsOf(row: Pick<DirectoryConfigEntity, 'settings'>): DirectorySettings {
  return plainToInstance(DirectorySettingsSchema, JSON.parse(row.settings) as object);
}

/** The settings' own fields only, in a fixed order (no password, no organization). */
function pickSettings(source: DirectorySettingsSchema): DirectorySettingsSchema {
  const out: Record<string, unknown> = {};
  const defaults = new DirectorySettingsSchema() as unknown as Record<string, unknown>;
  for (const key of [...SETTINGS_KEYS, 'enabled', 'url', 'baseDn'] as const) {
    const value = (source as unknown as Record<string, unknown>)[key];
    out[key] = value === undefined ? defaults[key] : value;
  }
  return out as unknown as DirectorySettingsSchema;
}

/** Per-organization LDAP / Active Directory settings (console) and IT's file (environment). */
@Injectable()
export class DirectoryConfigService {
  private readonly box: SecretBox;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DirectoryRepository) private readonly repository: DirectoryRepository,
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.box = new SecretBox(config.auth.jwtSecret, 'directory-bind-password');
  }

  async get(p: Principal): Promise<DirectoryConfigDto> {
    await this.applyEnvironment();
    const row = await this.repository.findConfig(p.organizationId);
    if (!row) {
      // Nothing yet: the form's starting point, so the console needs no 404 to learn it.
      return {
        ...pickSettings(new DirectorySettingsSchema()),
        enabled: false,
        url: '',
        baseDn: '',
        configured: false,
        source: 'console',
        hasBindPassword: false,
        updatedAt: null,
      };
    }
    return this.toDto(row, (await this.repository.findSealedPassword(p.organizationId)) !== null);
  }

  async put(p: Principal, dto: PutDirectoryConfigDto): Promise<DirectoryConfigDto> {
    const existing = await this.repository.findConfig(p.organizationId);
    if (existing?.source === 'environment') throw managedByEnvironment();
    const settings = pickSettings(dto);
    const problems = await this.problems(p.organizationId, settings);
    const storedPassword = await this.repository.findSealedPassword(p.organizationId);
    const willHavePassword =
      dto.bindPassword === undefined ? storedPassword !== null : dto.bindPassword !== null;
    if (settings.bindMode === 'search' && !willHavePassword) {
      problems.push({
        path: 'bindPassword',
        message: 'bindPassword is required with bindMode search',
      });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const sealed =
      dto.bindPassword === undefined
        ? undefined
        : dto.bindPassword === null
          ? null
          : this.box.seal(dto.bindPassword, p.organizationId);
    await this.save(p.organizationId, 'console', settings, sealed, existing);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'directory.config-changed',
      targetType: 'organization',
      targetId: p.organizationId,
      // The password itself never: only whether it changed.
      details: {
        enabled: settings.enabled,
        bindMode: settings.bindMode,
        syncEnabled: settings.syncEnabled,
        bindPasswordChanged: dto.bindPassword !== undefined,
      },
    });
    return this.get(p);
  }

  async remove(p: Principal): Promise<void> {
    const existing = await this.repository.findConfig(p.organizationId);
    if (!existing) throw new NotFoundError('Directory configuration');
    if (existing.source === 'environment') throw managedByEnvironment();
    await this.repository.deleteConfig(p.organizationId);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'directory.config-removed',
      targetType: 'organization',
      targetId: p.organizationId,
    });
  }

  /** Null when the organization has no directory configuration. */
  async load(organizationId: string): Promise<LoadedDirectory | null> {
    const row = await this.repository.findConfig(organizationId);
    if (!row) return null;
    const sealed = await this.repository.findSealedPassword(organizationId);
    return {
      organizationId,
      settings: settingsOf(row),
      bindPassword: sealed ? this.box.openText(sealed, organizationId) : null,
    };
  }

  /**
   * Writes IT's file (DIRECTORY_CONFIG_PATH) into the organizations it names; runs at start-up
   * and with each scheduler tick, so an organization signed up later is configured too.
   */
  async applyEnvironment(): Promise<void> {
    // Cheap when IT's file names nobody; idempotent otherwise (a row is written only on change).
    for (const entry of this.config.directory.environment) {
      const organizationId = await this.resolveOrganization(entry.organization);
      if (!organizationId) continue;
      const settings = pickSettings(entry);
      const problems = await this.problems(organizationId, settings);
      if (problems.length > 0) {
        logger.error({ organizationId, problems }, 'DIRECTORY_CONFIG_PATH: settings not applied');
        continue;
      }
      const existing = await this.repository.findConfig(organizationId);
      const currentSealed = await this.repository.findSealedPassword(organizationId);
      const samePassword =
        currentSealed !== null && entry.bindPassword !== null
          ? this.box.openText(currentSealed, organizationId) === entry.bindPassword
          : currentSealed === entry.bindPassword;
      if (
        existing?.source === 'environment' &&
        existing.settings === JSON.stringify(settings) &&
        samePassword
      ) {
        continue;
      }
      const sealed =
        entry.bindPassword === null ? null : this.box.seal(entry.bindPassword, organizationId);
      await this.save(organizationId, 'environment', settings, sealed, existing);
      await this.audit.record({
        organizationId,
        action: 'directory.config-changed',
        targetType: 'organization',
        targetId: organizationId,
        details: {
          source: 'environment',
          enabled: settings.enabled,
          syncEnabled: settings.syncEnabled,
        },
      });
    }
  }

  /** An organization by id or exact name; null when none or several match. */
  async resolveOrganization(idOrName: string): Promise<string | null> {
    if (UUID.test(idOrName)) {
      const byId = await this.organizations.findById(idOrName.toLowerCase());
      if (byId) return byId.id;
    }
    const byName = await this.organizations.findByName(idOrName);
    return byName.length === 1 ? byName[0].id : null;
  }

  private async save(
    organizationId: string,
    source: 'console' | 'environment',
    settings: DirectorySettingsSchema,
    sealed: string | null | undefined,
    existing: DirectoryConfigEntity | null,
  ): Promise<void> {
    const now = this.clock.now();
    const keepSchedule =
      existing?.syncEnabled && settings.syncEnabled && existing.nextSyncAt !== null;
    await this.repository.saveConfig(
      {
        organizationId,
        source,
        settings: JSON.stringify(settings),
        enabled: settings.enabled,
        syncEnabled: settings.syncEnabled,
        nextSyncAt: keepSchedule ? existing.nextSyncAt : null,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      },
      sealed,
    );
  }

  private async problems(
    organizationId: string,
    s: DirectorySettingsSchema,
  ): Promise<FieldError[]> {
    const problems: FieldError[] = directorySettingsProblems(s);
    for (const key of ['userFilter', 'groupFilter'] as const) {
      try {
        assertValidFilter(s[key]);
      } catch {
        problems.push({ path: key, message: `${key} is not a valid LDAP filter` });
      }
    }
    const teamIds = [...new Set(s.teamMappings.map((m) => m.teamId.toLowerCase()))];
    const found = new Set((await this.teams.findByIds(organizationId, teamIds)).map((t) => t.id));
    s.teamMappings.forEach((m, i) => {
      if (!found.has(m.teamId.toLowerCase())) {
        problems.push({ path: `teamMappings.${i}.teamId`, message: 'no such team' });
      }
    });
    return problems;
  }

  private toDto(row: DirectoryConfigEntity, hasBindPassword: boolean): DirectoryConfigDto {
    return {
      ...pickSettings(settingsOf(row)),
      configured: true,
      source: row.source,
      hasBindPassword,
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }
}

function managedByEnvironment(): ConflictError {
  return new ConflictError(
    'This directory configuration is managed by IT (DIRECTORY_CONFIG_PATH) and cannot be changed here.',
    'directory-managed-by-environment',
  );
}
