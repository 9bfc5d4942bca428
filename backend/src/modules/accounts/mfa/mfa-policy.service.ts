import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Principal } from '#src/common/auth/principal.js';
import { ROLES, type Role } from '#src/common/auth/roles.js';
import { NotFoundError, UnauthorizedError } from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { sha256 } from '../auth/token.service.js';
import { CLOCK, type Clock } from '../clock.js';
import { RecoveryCodeEntity } from '../entities/mfa.entities.js';
import type { UserEntity } from '../entities/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { MfaRepository } from './mfa.repository.js';
import { hkdfSync } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const TICKET_TTL_SECONDS = 300;

/** How a session proved its second factor. */
export type FactorMethod = 'totp' | 'webauthn' | 'recovery' | 'idp';

/** Routes a user who must still enroll a second factor may call (MFA setup, sign-out, /me). */
export const ALLOW_PENDING_MFA_KEY = 'calltimex:allow-pending-mfa';
export const AllowPendingMfa = () => SetMetadata(ALLOW_PENDING_MFA_KEY, true);
export const MFA_PENDING_PROPERTY = 'mfaEnrollmentPending' as const;

/** Normalizes a typed recovery code: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

interface TicketPayload {
  typ: 'mfa-ticket';
  sub: string;
  org: string;
}

/**
 * The organization's MFA policy and the parts of a second factor that are not TOTP: recovery codes,
 * the factor a session proved, and the ticket that carries a first factor (an OIDC sign-in without
 * MFA at the provider) to the second.
 */
@Injectable()
export class MfaPolicyService {
  private readonly tickets: JwtService;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(MfaRepository) private readonly repo: MfaRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const secret = Buffer.from(
      hkdfSync('sha256', config.auth.jwtSecret, 'calltimex', 'mfa-ticket', 32),
    ).toString('base64');
    this.tickets = new JwtService({
      secret,
      signOptions: { algorithm: 'HS256', expiresIn: TICKET_TTL_SECONDS },
      verifyOptions: { algorithms: ['HS256'] },
    });
  }

  async requiredRoles(organizationId: string): Promise<Role[]> {
    const roles = await this.repo.policyRoles(organizationId);
    return ROLES.filter((r) => roles.includes(r));
  }

  async setRequiredRoles(organizationId: string, roles: Role[]): Promise<Role[]> {
    const unique = ROLES.filter((r) => roles.includes(r));
    await this.repo.savePolicy(organizationId, unique, this.clock.now());
    return unique;
  }

  /** TOTP enabled or a passkey registered. Recovery codes alone are no factor: they back one up. */
  async hasFactor(user: Pick<UserEntity, 'organizationId' | 'id' | 'mfaEnabledAt'>) {
    if (user.mfaEnabledAt) return true;
    return (await this.repo.countPasskeys(user.organizationId, user.id)) > 0;
  }

  passkeyCount(user: { organizationId: string; id: string }): Promise<number> {
    return this.repo.countPasskeys(user.organizationId, user.id);
  }

  async policyRequires(user: { organizationId: string; role: string }): Promise<boolean> {
    const roles = await this.repo.policyRoles(user.organizationId);
    return roles.includes(user.role);
  }

  /**
   * True while this session belongs to a user whom the policy requires to use MFA, who has no
   * factor yet and whose session did not prove one at the provider: such a user may only enroll.
   */
  async enrollmentPending(p: Principal): Promise<boolean> {
    if (!(await this.policyRequires(p))) return false;
    if (await this.repo.sessionFactor(p.sessionId)) return false;
    const user = await this.users.findById(p.organizationId, p.userId);
    if (!user) return false;
    return !(await this.hasFactor(user));
  }

  async recordSessionFactor(
    session: { id: string; organizationId: string },
    method: FactorMethod,
  ): Promise<void> {
    await this.repo.recordSessionFactor({
      sessionId: session.id,
      organizationId: session.organizationId,
      method,
      verifiedAt: this.clock.now(),
    });
  }

  /** Ten new codes replace the old ones; shown once, stored as SHA-256 only. */
  async regenerateRecoveryCodes(p: Principal): Promise<string[]> {
    const user = await this.users.findById(p.organizationId, p.userId);
    if (!user) throw new NotFoundError('User');
    const now = this.clock.now();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.repo.replaceRecoveryCodes(
      p.organizationId,
      p.userId,
      codes.map((code) =>
        Object.assign(new RecoveryCodeEntity(), {
          id: randomUUID(),
          organizationId: p.organizationId,
          userId: p.userId,
          codeHash: sha256(normalizeRecoveryCode(code)),
          usedAt: null,
          createdAt: now,
        }),
      ),
    );
    return codes;
  }

  unusedRecoveryCodes(p: { organizationId: string; userId: string }): Promise<number> {
    return this.repo.countUnusedRecoveryCodes(p.organizationId, p.userId);
  }

  consumeRecoveryCode(user: { organizationId: string; id: string }, code: string) {
    return this.repo.consumeRecoveryCode(
      user.organizationId,
      user.id,
      sha256(normalizeRecoveryCode(code)),
      this.clock.now(),
    );
  }

  deleteRecoveryCodes(user: { organizationId: string; id: string }): Promise<unknown> {
    return this.repo.deleteRecoveryCodes(user.organizationId, user.id);
  }

  /** A five-minute ticket saying the first factor of this user is done. */
  issueTicket(user: { organizationId: string; id: string }): string {
    const payload: TicketPayload = { typ: 'mfa-ticket', sub: user.id, org: user.organizationId };
    return this.tickets.sign(payload);
  }

  async userOfTicket(ticket: string): Promise<UserEntity> {
    let payload: TicketPayload;
    try {
      payload = this.tickets.verify<TicketPayload & object>(ticket);
    } catch {
      throw new UnauthorizedError('The sign-in ticket is not valid or has expired.');
    }
    if (payload.typ !== 'mfa-ticket') throw new UnauthorizedError();
    const user = await this.users.findById(payload.org, payload.sub);
    if (!user || user.status !== 'active') throw new UnauthorizedError();
    return user;
  }
}
