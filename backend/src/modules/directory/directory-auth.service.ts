import { Inject, Injectable } from '@nestjs/common';
import {
  BadRequestError,
  DomainError,
  ForbiddenError,
  UnauthorizedError,
} from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import type { LoginResponseDto } from '../accounts/auth/auth.dto.js';
import { AuthService, type ClientInfo } from '../accounts/auth/auth.service.js';
import { LoginThrottleService } from '../accounts/auth/login-throttle.service.js';
import { CLOCK, type Clock } from '../accounts/clock.js';
import { MfaRequiredError, MfaService } from '../accounts/mfa/mfa.service.js';
import { AuditService } from '../audit/audit.service.js';
import { DirectoryConfigService } from './directory-config.service.js';
import { DirectoryProvisioner, ProvisionRefusedError, roleFor } from './directory-provisioner.js';
import { DirectoryRepository } from './directory.repository.js';
import type { LdapLoginDto } from './dto/directory.dto.js';
import { DirectoryUnavailableError, LdapDirectory } from './ldap-directory.js';

export class DirectoryUnavailableProblem extends DomainError {
  constructor() {
    super(
      503,
      'directory-unavailable',
      'Directory unavailable',
      'The directory server cannot be reached or refused the service account. Try again later or ask IT.',
    );
  }
}

const WRONG = 'The login or password is wrong.';

/**
 * Sign-in with a directory login and password: the directory checks the password, the person is
 * provisioned (created, updated, linked), then the session is the local login's: same tokens,
 * same MFA, same throttling, same closed-organization rule.
 */
@Injectable()
export class DirectoryAuthService {
  constructor(
    @Inject(DirectoryConfigService) private readonly configs: DirectoryConfigService,
    @Inject(DirectoryRepository) private readonly repository: DirectoryRepository,
    @Inject(DirectoryProvisioner) private readonly provisioner: DirectoryProvisioner,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(MfaService) private readonly mfa: MfaService,
    @Inject(LoginThrottleService) private readonly throttle: LoginThrottleService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async organizationOf(dto: LdapLoginDto): Promise<string | null> {
    if (dto.organization !== undefined) return this.configs.resolveOrganization(dto.organization);
    const enabled = await this.repository.enabledOrganizationIds();
    if (enabled.length > 1) {
      throw new BadRequestError(
        'Several organizations sign in with a directory: give organization (its id or name).',
        'organization-required',
      );
    }
    return enabled[0] ?? null;
  }

  async login(dto: LdapLoginDto, client: ClientInfo): Promise<LoginResponseDto> {
    await this.configs.applyEnvironment();
    const organizationId = await this.organizationOf(dto);
    // Throttled like the local login, keyed by organization and login instead of the email.
    const throttleKey = `ldap:${organizationId ?? '-'}:${dto.login.toLowerCase()}`;
    const attemptId = await this.throttle.begin(throttleKey, client.address);
    const directory = organizationId ? await this.configs.load(organizationId) : null;
    if (!directory || !directory.settings.enabled) throw new UnauthorizedError(WRONG);

    let person;
    try {
      person = await new LdapDirectory(directory.settings, directory.bindPassword).authenticate(
        dto.login,
        dto.password,
      );
    } catch (error) {
      await this.throttle.release(attemptId);
      if (error instanceof DirectoryUnavailableError) {
        logger.warn(
          { organizationId, code: error.code, reason: error.message },
          'directory sign-in: directory unavailable',
        );
        throw new DirectoryUnavailableProblem();
      }
      throw error;
    }
    if (!person) throw new UnauthorizedError(WRONG);

    const role = roleFor(directory.settings, person.groups);
    if (!role) {
      throw new ForbiddenError(
        'Your directory account is not in a group allowed to use CallTimeX. Ask IT.',
        'directory-not-permitted',
      );
    }
    let user;
    try {
      ({ user } = await this.provisioner.apply(
        directory.organizationId,
        directory.settings,
        person,
        role,
        this.clock.now(),
      ));
    } catch (error) {
      if (error instanceof ProvisionRefusedError) {
        logger.warn(
          { organizationId, reason: error.message },
          'directory sign-in: not provisioned',
        );
        throw new ForbiddenError(
          'Your directory account cannot be used here (its email is in use). Ask IT.',
          'directory-not-permitted',
        );
      }
      throw error;
    }
    if (user.status !== 'active') throw new UnauthorizedError(WRONG);
    try {
      await this.mfa.assertLoginFactor(user, {
        code: dto.mfaCode,
        recoveryCode: dto.recoveryCode,
      });
    } catch (error) {
      if (error instanceof MfaRequiredError) await this.throttle.release(attemptId);
      throw error;
    }
    await this.throttle.succeeded(attemptId, throttleKey, client.address);
    await this.auth.assertOrganizationOpen(user);
    const response = await this.auth.login(user, client);
    await this.audit.record({
      organizationId: user.organizationId,
      actorUserId: user.id,
      actorRole: user.role,
      action: 'auth.sign-in',
      targetType: 'user',
      targetId: user.id,
      details: { method: 'directory' },
    });
    return response;
  }
}
