import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { Principal } from '#src/common/auth/principal.js';
import { ConflictError, DomainError, NotFoundError } from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig, type EnvOidcProvider } from '#src/config/app-config.js';
import { AuthService, type ClientInfo } from '../accounts/auth/auth.service.js';
import { sha256 } from '../accounts/auth/token.service.js';
import type { TokensDto } from '../accounts/auth/auth.dto.js';
import { CLOCK, type Clock } from '../accounts/clock.js';
import { EmployeesRepository } from '../accounts/employees/employees.repository.js';
import { UserEntity } from '../accounts/entities/user.entity.js';
import { MfaPolicyService } from '../accounts/mfa/mfa-policy.service.js';
import { TeamsRepository } from '../accounts/teams/teams.repository.js';
import { UsersRepository } from '../accounts/users/users.repository.js';
import {
  DEFAULT_MFA_AMR,
  emailDomainAllowed,
  mappedRole,
  mappedTeams,
  mfaDoneAtProvider,
  type OidcSettings,
} from './claims.js';
import type {
  DiscoveryResultDto,
  OidcProviderDto,
  OidcProviderInputDto,
  PublicOidcProviderDto,
} from './dto/oidc.dto.js';
import { OidcIdentityEntity, OidcLoginStateEntity } from './entities/sso.entities.js';
import { SecretBox } from '#src/common/crypto/secret-box.js';
import { SsoRepository } from './sso.repository.js';

const STATE_TTL_MS = 10 * 60_000;
const DISCOVERY_TTL_MS = 10 * 60_000;
const DISCOVERY_TIMEOUT_SECONDS = 10;

/** A sign-in through the provider that went wrong; `code` says how (problem type). */
export class OidcError extends DomainError {
  constructor(status: 400 | 401 | 403 | 502, code: string, detail: string) {
    super(
      status,
      `oidc-${code}`,
      status === 502 ? 'Bad Gateway' : 'OpenID Connect sign-in failed',
      detail,
    );
  }
}

/** A provider as the flow needs it: from the console's settings or the environment. */
interface ResolvedProvider {
  source: 'console' | 'environment';
  organizationId: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string;
  settings: OidcSettings;
  enabled: boolean;
  version: string;
}

export type CallbackOutcome =
  | { kind: 'session'; tokens: TokensDto; returnTo: string | null }
  | { kind: 'mfa'; ticket: string; returnTo: string | null };

function defaults(): OidcSettings {
  return {
    roleClaim: null,
    roleMap: [],
    defaultRole: 'employee',
    teamClaim: null,
    teamMap: [],
    jit: false,
    allowedDomains: [],
    mfaAmr: DEFAULT_MFA_AMR,
    mfaAcr: [],
  };
}

function parseSettings(text: string): OidcSettings {
  try {
    return { ...defaults(), ...(JSON.parse(text) as Partial<OidcSettings>) };
  } catch {
    return defaults();
  }
}

function fromEnv(env: EnvOidcProvider): ResolvedProvider {
  return {
    source: 'environment',
    organizationId: env.organizationId,
    displayName: env.displayName,
    issuer: env.issuer,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    scopes: env.scopes,
    settings: {
      roleClaim: env.roleClaim,
      roleMap: env.roleMap as OidcSettings['roleMap'],
      defaultRole: env.defaultRole as OidcSettings['defaultRole'],
      teamClaim: env.teamClaim,
      teamMap: env.teamMap,
      jit: env.jit,
      allowedDomains: env.allowedDomains,
      mfaAmr: env.mfaAmr,
      mfaAcr: env.mfaAcr,
    },
    enabled: true,
    version: 'env',
  };
}

function withOpenid(scopes: string): string {
  const list = scopes.split(' ').filter(Boolean);
  return (list.includes('openid') ? list : ['openid', ...list]).join(' ');
}

/** OpenID Connect sign-in: authorization code flow with PKCE, state and nonce, via openid-client. */
@Injectable()
export class OidcService {
  private readonly box: SecretBox;
  private readonly discovered = new Map<
    string,
    { at: number; stamp: string; config: oidc.Configuration }
  >();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SsoRepository) private readonly repo: SsoRepository,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(MfaPolicyService) private readonly mfa: MfaPolicyService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.box = new SecretBox(config.auth.jwtSecret, 'oidc-client-secret');
  }

  redirectUri(organizationId: string): string {
    return `${this.config.http.publicUrl}/api/v1/auth/oidc/${organizationId}/callback`;
  }

  postLogoutRedirectUri(): string {
    return `${this.config.http.publicUrl}/sign-in`;
  }

  // ---- settings (owner/admin) ----

  async getSettings(p: Principal): Promise<OidcProviderDto> {
    const provider = await this.resolve(p.organizationId, { includeDisabled: true });
    if (!provider) throw new NotFoundError('OpenID Connect provider');
    return this.toDto(provider);
  }

  async saveSettings(p: Principal, dto: OidcProviderInputDto): Promise<OidcProviderDto> {
    this.assertNotFromEnvironment(p.organizationId);
    if (dto.issuer.startsWith('http:') && !this.config.oidc.allowHttp) {
      throw new OidcError(400, 'insecure-issuer', 'The issuer must be an https URL.');
    }
    const existing = await this.repo.findProvider(p.organizationId);
    const previous = existing ? parseSettings(existing.settings) : defaults();
    const settings: OidcSettings = {
      roleClaim: dto.roleClaim === undefined ? previous.roleClaim : dto.roleClaim,
      roleMap: dto.roleMap ?? previous.roleMap,
      defaultRole: dto.defaultRole ?? previous.defaultRole,
      teamClaim: dto.teamClaim === undefined ? previous.teamClaim : dto.teamClaim,
      teamMap: dto.teamMap ?? previous.teamMap,
      jit: dto.jit ?? previous.jit,
      allowedDomains: (dto.allowedDomains ?? previous.allowedDomains).map((d) => d.toLowerCase()),
      mfaAmr: dto.mfaAmr ?? previous.mfaAmr,
      mfaAcr: dto.mfaAcr ?? previous.mfaAcr,
    };
    const secret =
      dto.clientSecret === undefined
        ? undefined
        : dto.clientSecret === null
          ? null
          : this.box.seal(dto.clientSecret, p.organizationId);
    await this.repo.saveProvider(
      {
        organizationId: p.organizationId,
        displayName: dto.displayName,
        issuer: dto.issuer,
        clientId: dto.clientId,
        scopes: withOpenid(dto.scopes ?? existing?.scopes ?? 'openid email profile'),
        settings: JSON.stringify(settings),
        enabled: dto.enabled ?? existing?.enabled ?? true,
        updatedAt: this.clock.now(),
      },
      secret,
    );
    this.discovered.delete(p.organizationId);
    return this.getSettings(p);
  }

  async deleteSettings(p: Principal): Promise<void> {
    this.assertNotFromEnvironment(p.organizationId);
    if (!(await this.repo.findProvider(p.organizationId))) {
      throw new NotFoundError('OpenID Connect provider');
    }
    await this.repo.deleteProvider(p.organizationId);
    this.discovered.delete(p.organizationId);
  }

  /** Reads the issuer's discovery document and says what it found (or why it failed). */
  async testDiscovery(p: Principal, issuer?: string): Promise<DiscoveryResultDto> {
    const provider = await this.resolve(p.organizationId, { includeDisabled: true });
    const target = issuer ?? provider?.issuer;
    if (!target) throw new NotFoundError('OpenID Connect provider');
    if (target.startsWith('http:') && !this.config.oidc.allowHttp) {
      return { ok: false, error: 'The issuer must be an https URL.' };
    }
    try {
      const config = await this.discover(target, provider?.clientId ?? 'discovery-test', null);
      const m = config.serverMetadata();
      return {
        ok: true,
        issuer: m.issuer,
        authorizationEndpoint: m.authorization_endpoint,
        tokenEndpoint: m.token_endpoint,
        endSessionEndpoint: m.end_session_endpoint ?? null,
        jwksUri: m.jwks_uri,
        scopesSupported: m.scopes_supported ?? [],
        idTokenSigningAlgValuesSupported: m.id_token_signing_alg_values_supported ?? [],
        codeChallengeMethodsSupported: m.code_challenge_methods_supported ?? [],
      };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : 'discovery failed' };
    }
  }

  // ---- the sign-in flow ----

  async publicProviders(): Promise<PublicOidcProviderDto[]> {
    const rows = await this.repo.enabledProviders();
    const env = this.config.oidc.env;
    const list = rows
      .filter((r) => r.organizationId !== env?.organizationId)
      .map((r) => ({ organizationId: r.organizationId, displayName: r.displayName }));
    if (env) list.unshift({ organizationId: env.organizationId, displayName: env.displayName });
    return list.map((p) => ({
      ...p,
      startUrl: `/api/v1/auth/oidc/${p.organizationId}/start`,
    }));
  }

  async publicProvider(organizationId: string): Promise<PublicOidcProviderDto> {
    const provider = await this.resolve(organizationId);
    if (!provider) throw new NotFoundError('OpenID Connect provider');
    return {
      organizationId: provider.organizationId,
      displayName: provider.displayName,
      startUrl: `/api/v1/auth/oidc/${provider.organizationId}/start`,
    };
  }

  /**
   * The authorization request: state, nonce and PKCE verifier are kept server-side (state hashed)
   * and bound to this browser by a random cookie value (`browserSecret`), so a callback carried to
   * another browser fails.
   */
  async start(
    organizationId: string,
    returnTo: string | null,
  ): Promise<{ url: string; browserSecret: string }> {
    const provider = await this.require(organizationId);
    const config = await this.configFor(provider);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const browserSecret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.repo.insertState(
      Object.assign(new OidcLoginStateEntity(), {
        stateHash: sha256(state),
        organizationId: provider.organizationId,
        nonce,
        codeVerifier,
        browserHash: sha256(browserSecret),
        returnTo,
        expiresAt: new Date(now.getTime() + STATE_TTL_MS),
      }),
      now,
    );
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(provider.organizationId),
      scope: withOpenid(provider.scopes),
      response_type: 'code',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, browserSecret };
  }

  /** The redirect back: code exchanged, ID token checked by openid-client, the user found or made. */
  async callback(
    organizationId: string,
    query: Record<string, string | undefined>,
    browserSecret: string | null,
    client: ClientInfo,
  ): Promise<CallbackOutcome> {
    if (query.error) {
      throw new OidcError(401, 'provider-error', `The provider answered: ${query.error}.`);
    }
    if (!query.state || !query.code) {
      throw new OidcError(400, 'bad-callback', 'The callback lacks code or state.');
    }
    const stored = await this.repo.takeState(sha256(query.state));
    if (
      !stored ||
      stored.organizationId !== organizationId.toLowerCase() ||
      stored.expiresAt <= this.clock.now() ||
      !browserSecret ||
      sha256(browserSecret) !== stored.browserHash
    ) {
      throw new OidcError(
        401,
        'state-mismatch',
        'The sign-in was not started here or has expired; start it again.',
      );
    }
    const provider = await this.require(stored.organizationId);
    const config = await this.configFor(provider);
    const current = new URL(this.redirectUri(provider.organizationId));
    for (const [k, v] of Object.entries(query)) if (v !== undefined) current.searchParams.set(k, v);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: stored.codeVerifier,
        expectedState: query.state,
        expectedNonce: stored.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'token exchange failed';
      throw new OidcError(401, 'token-invalid', `The provider's answer was refused: ${detail}`);
    }
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) {
      throw new OidcError(401, 'token-invalid', 'The provider sent no ID token.');
    }
    // Providers that keep profile claims out of the ID token (Keycloak without mappers, Okta's org
    // server) still answer them at userinfo; the ID token's own claims win.
    let profile: Record<string, unknown> = claims;
    if (typeof claims.email !== 'string' && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        profile = { ...info, ...claims };
      } catch {
        profile = claims;
      }
    }
    const user = await this.userFor(provider, profile);
    await this.auth.assertOrganizationOpen(user);
    const returnTo = stored.returnTo;
    if (mfaDoneAtProvider(provider.settings, claims)) {
      return {
        kind: 'session',
        tokens: await this.session(user, client, tokens.id_token, 'idp', config),
        returnTo,
      };
    }
    if (await this.mfa.hasFactor(user)) {
      return { kind: 'mfa', ticket: this.mfa.issueTicket(user), returnTo };
    }
    return {
      kind: 'session',
      tokens: await this.session(user, client, tokens.id_token, null, config),
      returnTo,
    };
  }

  /** Ends the session; the provider's end-session URL when it has one and this session came from it. */
  async logout(p: Principal): Promise<string | null> {
    const link = await this.repo.findSession(p.sessionId);
    await this.auth.logout(p);
    if (!link) return null;
    await this.repo.deleteSession(p.sessionId);
    const provider = await this.resolve(link.organizationId);
    if (!provider) return null;
    try {
      const config = await this.configFor(provider);
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, {
        id_token_hint: link.idToken,
        post_logout_redirect_uri: this.postLogoutRedirectUri(),
      }).href;
    } catch {
      return null;
    }
  }

  // ---- internals ----

  private async session(
    user: UserEntity,
    client: ClientInfo,
    idToken: string,
    factor: 'idp' | null,
    config: oidc.Configuration,
  ): Promise<TokensDto> {
    const tokens = await this.auth.startSession(user, client, factor);
    if (config.serverMetadata().end_session_endpoint) {
      await this.repo.insertSession({
        sessionId: tokens.sessionId,
        organizationId: user.organizationId,
        idToken,
        createdAt: this.clock.now(),
      });
    }
    return tokens;
  }

  /** The linked user, else the organization's user with that email (linked now), else JIT. */
  private async userFor(
    provider: ResolvedProvider,
    claims: Record<string, unknown>,
  ): Promise<UserEntity> {
    const issuer = typeof claims.iss === 'string' ? claims.iss : provider.issuer;
    const subject = String(claims.sub);
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    const now = this.clock.now();
    const link = await this.repo.findIdentity(issuer, subject);
    let user: UserEntity | null = null;
    if (link) {
      if (link.organizationId !== provider.organizationId) {
        throw new OidcError(403, 'no-account', 'This identity belongs to another organization.');
      }
      user = await this.users.findById(link.organizationId, link.userId);
      if (!user) throw new OidcError(403, 'no-account', 'The linked account no longer exists.');
      await this.repo.touchIdentity(link.id, now);
    } else {
      if (!email) throw new OidcError(403, 'no-email', 'The provider sent no email claim.');
      if (claims.email_verified === false) {
        throw new OidcError(403, 'email-unverified', 'The provider has not verified this email.');
      }
      if (!emailDomainAllowed(provider.settings, email)) {
        throw new OidcError(403, 'domain-not-allowed', 'This email domain may not sign in here.');
      }
      user = await this.users.findByEmail(email);
      if (user && user.organizationId !== provider.organizationId) {
        throw new OidcError(403, 'no-account', 'No account of this organization has this email.');
      }
      if (!user) {
        if (!provider.settings.jit) {
          throw new OidcError(
            403,
            'no-account',
            'No account has this email; ask an administrator to invite you.',
          );
        }
        user = await this.createUser(provider, claims, email, now);
      }
      await this.repo.insertIdentity(
        Object.assign(new OidcIdentityEntity(), {
          id: randomUUID(),
          organizationId: provider.organizationId,
          userId: user.id,
          issuer,
          subject,
          createdAt: now,
          lastSignInAt: now,
        }),
      );
    }
    if (user.status !== 'active') {
      throw new OidcError(403, 'account-inactive', 'This account is deactivated.');
    }
    return this.applyMappings(provider, claims, user);
  }

  private async createUser(
    provider: ResolvedProvider,
    claims: Record<string, unknown>,
    email: string,
    now: Date,
  ): Promise<UserEntity> {
    const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    let firstName = str(claims.given_name);
    let lastName = str(claims.family_name);
    if (!firstName) {
      const [first, ...rest] = (str(claims.name) || email.split('@')[0]).split(/\s+/);
      firstName = first;
      lastName = lastName || rest.join(' ');
    }
    const employee = await this.employees.findByEmail(provider.organizationId, email);
    const user = Object.assign(new UserEntity(), {
      id: randomUUID(),
      organizationId: provider.organizationId,
      email,
      firstName: firstName.slice(0, 100),
      lastName: lastName.slice(0, 100),
      phone: null,
      passwordHash: null,
      role: mappedRole(provider.settings, claims) ?? provider.settings.defaultRole,
      status: 'active',
      locale: null,
      employeeId: employee?.id ?? null,
      mfaSecret: null,
      mfaEnabledAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.users.insert(user);
    return user;
  }

  /** Role and team from the claims, at every sign-in; the owner's role is never changed. */
  private async applyMappings(
    provider: ResolvedProvider,
    claims: Record<string, unknown>,
    user: UserEntity,
  ): Promise<UserEntity> {
    const role = mappedRole(provider.settings, claims);
    if (role && user.role !== 'owner' && role !== user.role) {
      await this.users.update(user.organizationId, user.id, { role });
      user.role = role;
    }
    const teamNames = mappedTeams(provider.settings, claims);
    if (teamNames.length > 0) {
      const employee = user.employeeId
        ? await this.employees.findById(user.organizationId, user.employeeId)
        : await this.employees.findByEmail(user.organizationId, user.email);
      if (employee) {
        if (!user.employeeId) {
          await this.users.update(user.organizationId, user.id, { employeeId: employee.id });
          user.employeeId = employee.id;
        }
        const teams = await this.teams.list(user.organizationId, {}, { page: 1, pageSize: 1000 });
        const wanted = teamNames.map((n) => n.toLowerCase());
        const team = wanted
          .map((n) => teams.items.find((t) => t.name.toLowerCase() === n))
          .find((t) => t !== undefined);
        if (team && employee.teamId !== team.id) {
          await this.employees.update(user.organizationId, employee.id, { teamId: team.id });
        }
      }
    }
    return user;
  }

  private assertNotFromEnvironment(organizationId: string): void {
    if (this.config.oidc.env?.organizationId === organizationId) {
      throw new ConflictError(
        'This provider is set by the environment (OIDC_*); change it there.',
        'oidc-managed-by-environment',
      );
    }
  }

  private async require(organizationId: string): Promise<ResolvedProvider> {
    const provider = await this.resolve(organizationId);
    if (!provider) throw new NotFoundError('OpenID Connect provider');
    return provider;
  }

  private async resolve(
    organizationId: string,
    options: { includeDisabled?: boolean } = {},
  ): Promise<ResolvedProvider | null> {
    const id = organizationId.toLowerCase();
    const env = this.config.oidc.env;
    if (env && env.organizationId === id) return fromEnv(env);
    const row = await this.repo.findProvider(id);
    if (!row || (!row.enabled && !options.includeDisabled)) return null;
    const sealed = await this.repo.clientSecretOf(id);
    return {
      source: 'console',
      organizationId: row.organizationId,
      displayName: row.displayName,
      issuer: row.issuer,
      clientId: row.clientId,
      clientSecret: sealed ? this.box.openText(sealed, row.organizationId) : null,
      scopes: row.scopes,
      settings: parseSettings(row.settings),
      enabled: row.enabled,
      version: new Date(row.updatedAt).toISOString(),
    };
  }

  private async configFor(provider: ResolvedProvider): Promise<oidc.Configuration> {
    const key = provider.organizationId;
    const cached = this.discovered.get(key);
    const stamp = `${provider.version}|${provider.issuer}|${provider.clientId}`;
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS && cached.stamp === stamp) {
      return cached.config;
    }
    let config: oidc.Configuration;
    try {
      config = await this.discover(provider.issuer, provider.clientId, provider.clientSecret);
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'discovery failed';
      throw new OidcError(502, 'discovery-failed', `The provider could not be reached: ${detail}`);
    }
    this.discovered.set(key, { at: Date.now(), stamp, config });
    return config;
  }

  private discover(
    issuer: string,
    clientId: string,
    clientSecret: string | null,
  ): Promise<oidc.Configuration> {
    const insecure = issuer.startsWith('http:') && this.config.oidc.allowHttp;
    return oidc.discovery(
      new URL(issuer),
      clientId,
      clientSecret ? { client_secret: clientSecret } : undefined,
      clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(),
      {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    );
  }

  private toDto(p: ResolvedProvider): OidcProviderDto {
    return {
      source: p.source,
      organizationId: p.organizationId,
      displayName: p.displayName,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecretSet: p.clientSecret !== null,
      scopes: p.scopes,
      roleClaim: p.settings.roleClaim,
      roleMap: p.settings.roleMap,
      defaultRole: p.settings.defaultRole,
      teamClaim: p.settings.teamClaim,
      teamMap: p.settings.teamMap,
      jit: p.settings.jit,
      allowedDomains: p.settings.allowedDomains,
      mfaAmr: p.settings.mfaAmr,
      mfaAcr: p.settings.mfaAcr,
      enabled: p.enabled,
      redirectUri: this.redirectUri(p.organizationId),
      postLogoutRedirectUri: this.postLogoutRedirectUri(),
    };
  }
}
