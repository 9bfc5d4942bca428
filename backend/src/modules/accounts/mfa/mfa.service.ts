import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { PasswordService } from '../auth/password.service.js';
import { CLOCK, type Clock } from '../clock.js';
import type { UserEntity } from '../entities/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import type {
  MfaDisableDto,
  MfaOverviewDto,
  MfaSetupDto,
  MfaStatusDto,
  RecoveryCodesDto,
} from './mfa.dto.js';
import { type FactorMethod, MfaPolicyService } from './mfa-policy.service.js';
import { PasskeysService } from './passkeys.service.js';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { SecretBox } from '#src/common/crypto/secret-box.js';
import { base32Encode, newTotpSecret, otpauthUri, verifyTotp } from './totp.js';

export class MfaRequiredError extends DomainError {
  /**
   * `extra` carries an `mfaTicket` (the first factor is done; finish at /auth/mfa/complete, with a
   * passkey too) and the `methods` this account can use.
   */
  constructor(extra: Record<string, unknown> = {}) {
    super(
      401,
      'mfa-required',
      'MFA code required',
      'This account needs a second factor: a code from the authenticator app (mfaCode), a recovery code, or a passkey.',
      extra,
    );
  }
}

export class MfaCodeInvalidError extends DomainError {
  constructor() {
    super(401, 'mfa-code-invalid', 'Unauthorized', 'The email, password or MFA code is wrong.');
  }
}

/** TOTP second factor for console logins (RFC 6238). */
@Injectable()
export class MfaService {
  private readonly box: SecretBox;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MfaPolicyService) private readonly policy: MfaPolicyService,
    @Inject(PasskeysService) private readonly passkeys: PasskeysService,
  ) {
    this.box = new SecretBox(config.auth.jwtSecret, 'mfa-totp-secret');
  }

  /** A new pending seed; replaces an earlier pending one. Enabled MFA must be disabled first. */
  async setup(p: Principal): Promise<MfaSetupDto> {
    const user = await this.find(p);
    if (user.mfaEnabledAt) throw new ConflictError('MFA is already enabled.', 'mfa-enabled');
    const secret = newTotpSecret();
    await this.users.setMfa(p.organizationId, p.userId, {
      mfaSecret: this.box.seal(secret),
      mfaEnabledAt: null,
    });
    return {
      secret: base32Encode(secret),
      otpauthUri: otpauthUri(secret, user.email, 'CallTimeX'),
    };
  }

  async enable(p: Principal, code: string): Promise<MfaStatusDto> {
    const user = await this.find(p);
    if (user.mfaEnabledAt) throw new ConflictError('MFA is already enabled.', 'mfa-enabled');
    const secret = await this.secretOf(user);
    if (!secret) throw new ConflictError('Call /me/mfa/setup first.', 'mfa-not-set-up');
    if (!verifyTotp(secret, code, this.clock.now())) {
      throw new ValidationFailedError([{ path: 'code', message: 'code is wrong' }]);
    }
    await this.users.setMfa(p.organizationId, p.userId, {
      mfaSecret: this.box.seal(secret),
      mfaEnabledAt: this.clock.now(),
    });
    return { enabled: true };
  }

  async disable(p: Principal, dto: MfaDisableDto): Promise<MfaStatusDto> {
    if (!dto.code && !dto.password) {
      throw new ValidationFailedError([{ path: 'code', message: 'give code or password' }]);
    }
    const user = await this.find(p);
    if (!user.mfaEnabledAt) throw new ConflictError('MFA is not enabled.', 'mfa-not-enabled');
    const secret = await this.secretOf(user);
    const ok = dto.code
      ? secret !== null && verifyTotp(secret, dto.code, this.clock.now())
      : await this.passwords.verify(user.passwordHash, dto.password ?? '');
    if (!ok) {
      throw new ValidationFailedError([
        {
          path: dto.code ? 'code' : 'password',
          message: `${dto.code ? 'code' : 'password'} is wrong`,
        },
      ]);
    }
    await this.users.setMfa(p.organizationId, p.userId, { mfaSecret: null, mfaEnabledAt: null });
    return { enabled: false };
  }

  async overview(p: Principal): Promise<MfaOverviewDto> {
    const user = await this.find(p);
    const hasFactor = await this.policy.hasFactor(user);
    return {
      totpEnabled: user.mfaEnabledAt !== null,
      passkeys: await this.policy.passkeyCount(user),
      recoveryCodesLeft: await this.policy.unusedRecoveryCodes(p),
      required: await this.policy.policyRequires(user),
      enrollmentPending: !hasFactor && (await this.policy.enrollmentPending(p)),
    };
  }

  async regenerateRecoveryCodes(p: Principal): Promise<RecoveryCodesDto> {
    return { codes: await this.policy.regenerateRecoveryCodes(p) };
  }

  /**
   * The second step of every sign-in (password, directory, sign-in link): null when the user has
   * no factor, else the method that the given code or recovery code proved. Any factor counts, so a
   * passkey-only account is never let in on its first factor. Throws MfaRequiredError when none
   * was given (with a ticket for /auth/mfa/complete unless `ticket` is false: a sign-in link is
   * finished by sending the link again with the code), MfaCodeInvalidError when the one given is
   * wrong.
   */
  async assertLoginFactor(
    user: UserEntity,
    factor: {
      code?: string;
      recoveryCode?: string;
      passkey?: { challengeId: string; response: AuthenticationResponseJSON };
    },
    options: { ticket?: boolean } = {},
  ): Promise<FactorMethod | null> {
    if (!(await this.policy.hasFactor(user))) return null;
    if (factor.recoveryCode !== undefined) {
      if (await this.policy.consumeRecoveryCode(user, factor.recoveryCode)) return 'recovery';
      throw new MfaCodeInvalidError();
    }
    if (factor.passkey) {
      await this.passkeys.verifyAssertion(user, factor.passkey);
      return 'webauthn';
    }
    if (factor.code === undefined) {
      const methods = [
        ...(user.mfaEnabledAt ? ['totp'] : []),
        ...((await this.policy.passkeyCount(user)) > 0 ? ['passkey'] : []),
        ...((await this.policy.unusedRecoveryCodes({
          organizationId: user.organizationId,
          userId: user.id,
        })) > 0
          ? ['recovery']
          : []),
      ];
      if (options.ticket === false) throw new MfaRequiredError({ methods });
      throw new MfaRequiredError({ mfaTicket: this.policy.issueTicket(user), methods });
    }
    const secret = user.mfaEnabledAt ? await this.secretOf(user) : null;
    if (!secret || !verifyTotp(secret, factor.code, this.clock.now())) {
      throw new MfaCodeInvalidError();
    }
    return 'totp';
  }

  private async find(p: Principal): Promise<UserEntity> {
    const user = await this.users.findById(p.organizationId, p.userId);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  private async secretOf(user: UserEntity): Promise<Buffer | null> {
    const sealed = await this.users.findMfaSecret(user.organizationId, user.id);
    return sealed ? this.box.open(sealed) : null;
  }
}
