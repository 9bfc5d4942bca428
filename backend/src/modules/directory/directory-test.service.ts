import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { DirectoryConfigService } from './directory-config.service.js';
import { roleFor } from './directory-provisioner.js';
import type {
  DirectoryPersonDto,
  TestConnectionDto,
  TestConnectionResultDto,
} from './dto/directory.dto.js';
import {
  DirectoryUnavailableError,
  LdapDirectory,
  type DirectoryPerson,
  type DirectorySettings,
} from './ldap-directory.js';
import { normalizeDn } from './ldap-filters.js';

const MAX_GROUPS_SHOWN = 50;

/** "Test connection": binds with the stored settings and shows what the directory holds. */
@Injectable()
export class DirectoryTestService {
  constructor(
    @Inject(DirectoryConfigService) private readonly configs: DirectoryConfigService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async test(p: Principal, dto: TestConnectionDto): Promise<TestConnectionResultDto> {
    const directory = await this.configs.load(p.organizationId);
    if (!directory) throw new NotFoundError('Directory configuration');
    const { settings } = directory;
    const person = (x: DirectoryPerson): DirectoryPersonDto => ({
      dn: x.dn,
      login: x.login,
      email: x.email,
      firstName: x.firstName,
      lastName: x.lastName,
      groups: x.groups,
      role: roleFor(settings, x.groups),
    });
    let result: TestConnectionResultDto;
    try {
      const testLogin =
        dto.login !== undefined ? { login: dto.login, password: dto.password ?? '' } : undefined;
      const found = await new LdapDirectory(settings, directory.bindPassword).probe(testLogin);
      const mapped = (dn: string) =>
        settings.roleMappings.find((m) => normalizeDn(m.group) === dn)?.role ?? null;
      result = {
        ok: found.testUser !== null,
        error:
          found.testUser === null
            ? { code: 'test-login', message: 'The test login or password was refused.' }
            : null,
        userCount: found.userCount,
        sampleUsers: found.sampleUsers.map(person),
        groups: found.groups.slice(0, MAX_GROUPS_SHOWN).map((g) => ({
          dn: g.dn,
          name: g.name,
          memberCount: g.members.length,
          mappedRole: mapped(g.dn),
        })),
        ...(found.testUser !== undefined
          ? { testUser: found.testUser ? person(found.testUser) : null }
          : {}),
      };
    } catch (error) {
      if (!(error instanceof DirectoryUnavailableError)) throw error;
      result = {
        ok: false,
        error: { code: error.code, message: error.message },
        userCount: 0,
        sampleUsers: [],
        groups: [],
      };
    }
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'directory.connection-tested',
      targetType: 'organization',
      targetId: p.organizationId,
      details: { ok: result.ok, code: result.error?.code ?? null, userCount: result.userCount },
    });
    return result;
  }
}

export type { DirectorySettings };
