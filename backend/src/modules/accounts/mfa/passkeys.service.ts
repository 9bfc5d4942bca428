import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { DataSource, LessThan } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import {
  NotFoundError,
  UnauthorizedError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { CLOCK, type Clock } from '../clock.js';
import { WebauthnChallengeEntity, WebauthnCredentialEntity } from '../entities/mfa.entities.js';
import type { UserEntity } from '../entities/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';

const CHALLENGE_TTL_MS = 5 * 60_000;

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

function transportsOf(text: string): AuthenticatorTransport[] {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? (list as AuthenticatorTransport[]) : [];
  } catch {
    return [];
  }
}

/**
 * WebAuthn passkeys and security keys as a second factor (@simplewebauthn/server): the relying
 * party is PUBLIC_URL's host, the expected origin PUBLIC_URL's origin. Challenges are stored and
 * consumed once.
 */
@Injectable()
export class PasskeysService {
  private readonly rpId: string;
  private readonly origin: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const url = new URL(config.http.publicUrl);
    this.rpId = url.hostname;
    this.origin = url.origin;
  }

  private get credentials() {
    return this.dataSource.getRepository(WebauthnCredentialEntity);
  }

  private get challenges() {
    return this.dataSource.getRepository(WebauthnChallengeEntity);
  }

  async list(p: Principal): Promise<PasskeyView[]> {
    const rows = await this.credentials.find({
      where: { organizationId: p.organizationId, userId: p.userId },
      order: { createdAt: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.createdAt).toISOString(),
      lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt).toISOString() : null,
    }));
  }

  async remove(p: Principal, id: string): Promise<void> {
    const result = await this.credentials.delete({
      organizationId: p.organizationId,
      userId: p.userId,
      id,
    });
    if ((result.affected ?? 0) === 0) throw new NotFoundError('Passkey');
  }

  async registrationOptions(
    p: Principal,
  ): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
    const user = await this.users.findById(p.organizationId, p.userId);
    if (!user) throw new NotFoundError('User');
    const existing = await this.credentials.findBy({
      organizationId: p.organizationId,
      userId: p.userId,
    });
    const options = await generateRegistrationOptions({
      rpName: 'CallTimeX',
      rpID: this.rpId,
      userName: user.email,
      userDisplayName: user.fullName,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({
        id: c.credentialId,
        transports: transportsOf(c.transports),
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    const challengeId = await this.storeChallenge(user, 'registration', options.challenge);
    return { challengeId, options };
  }

  async register(
    p: Principal,
    input: { challengeId: string; name: string; response: RegistrationResponseJSON },
  ): Promise<PasskeyView> {
    const challenge = await this.takeChallenge(
      p.organizationId,
      p.userId,
      input.challengeId,
      'registration',
    );
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        requireUserVerification: false,
      });
    } catch (error) {
      throw new ValidationFailedError([
        { path: 'response', message: error instanceof Error ? error.message : 'not valid' },
      ]);
    }
    if (!verification.verified || !verification.registrationInfo) {
      throw new ValidationFailedError([{ path: 'response', message: 'not verified' }]);
    }
    const { credential } = verification.registrationInfo;
    const now = this.clock.now();
    const row = Object.assign(new WebauthnCredentialEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      userId: p.userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: String(credential.counter),
      transports: JSON.stringify(credential.transports ?? input.response.response.transports ?? []),
      name: input.name,
      createdAt: now,
      lastUsedAt: null,
    });
    await this.credentials.insert(row);
    return { id: row.id, name: row.name, createdAt: now.toISOString(), lastUsedAt: null };
  }

  async authenticationOptions(
    user: UserEntity,
  ): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
    const creds = await this.credentials.findBy({
      organizationId: user.organizationId,
      userId: user.id,
    });
    if (creds.length === 0) throw new NotFoundError('Passkey');
    const options = await generateAuthenticationOptions({
      rpID: this.rpId,
      allowCredentials: creds.map((c) => ({
        id: c.credentialId,
        transports: transportsOf(c.transports),
      })),
      userVerification: 'preferred',
    });
    const challengeId = await this.storeChallenge(user, 'authentication', options.challenge);
    return { challengeId, options };
  }

  /** Checks an assertion of one of this user's passkeys against a challenge issued to them. */
  async verifyAssertion(
    user: UserEntity,
    input: { challengeId: string; response: AuthenticationResponseJSON },
  ): Promise<void> {
    const challenge = await this.takeChallenge(
      user.organizationId,
      user.id,
      input.challengeId,
      'authentication',
    ).catch(() => {
      throw new UnauthorizedError('The passkey challenge is unknown or has expired.');
    });
    const credential = await this.credentials.findOneBy({
      organizationId: user.organizationId,
      userId: user.id,
      credentialId: input.response.id,
    });
    if (!credential) throw new UnauthorizedError('This passkey is not registered to the account.');
    let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      result = await verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        credential: {
          id: credential.credentialId,
          publicKey: new Uint8Array(Buffer.from(credential.publicKey, 'base64url')),
          counter: Number(credential.counter),
          transports: transportsOf(credential.transports),
        },
        requireUserVerification: false,
      });
    } catch {
      throw new UnauthorizedError('The passkey answer is not valid.');
    }
    if (!result.verified) throw new UnauthorizedError('The passkey answer is not valid.');
    await this.credentials.update(
      { id: credential.id },
      { counter: String(result.authenticationInfo.newCounter), lastUsedAt: this.clock.now() },
    );
  }

  private async storeChallenge(
    user: { organizationId: string; id: string },
    purpose: 'registration' | 'authentication',
    challenge: string,
  ): Promise<string> {
    const now = this.clock.now();
    await this.challenges.delete({ expiresAt: LessThan(now) });
    const id = randomUUID();
    await this.challenges.insert({
      id,
      organizationId: user.organizationId,
      userId: user.id,
      purpose,
      challenge,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    });
    return id;
  }

  /** The challenge, deleted as it is read: each answers one ceremony. */
  private async takeChallenge(
    organizationId: string,
    userId: string,
    id: string,
    purpose: 'registration' | 'authentication',
  ): Promise<string> {
    const row = await this.challenges.findOneBy({ id, organizationId, userId, purpose });
    const deleted = row ? await this.challenges.delete({ id }) : null;
    if (!row || (deleted?.affected ?? 0) !== 1 || row.expiresAt <= this.clock.now()) {
      throw new ValidationFailedError([{ path: 'challengeId', message: 'unknown or expired' }]);
    }
    return row.challenge;
  }
}
