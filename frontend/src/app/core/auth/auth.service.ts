import { HttpClient, HttpContext, HttpHeaders } from '@angular/common/http';
import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { defer, firstValueFrom, type Observable, shareReplay, map, finalize } from 'rxjs';
import type { LoginResponse, SignupRequest, SignupResponse, Tokens, User } from '@app/api/models';
import { SKIP_AUTH, api } from '../http/api';
import { ROLE_CAPABILITIES, type Capability, type Session } from './session';

/** The session the console starts with; null in the app (tests seed one). */
export const INITIAL_SESSION = new InjectionToken<Session | null>('INITIAL_SESSION', {
  factory: () => null,
});

// The server requires it on the cookie-authenticated refresh (CSRF); cross-site pages cannot set it.
const CSRF_HEADERS = new HttpHeaders({ 'X-CSRF': '1' });

// Serializes refreshes across the console's tabs: each one rotates the cookie, and a tab sending
// the cookie another tab just rotated would look like token reuse and end the session.
const REFRESH_LOCK = 'ctx.refresh';

function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(REFRESH_LOCK, task) as Promise<T>) : task();
}

/**
 * The console's session. The access token lives in memory only; the refresh token is an HttpOnly
 * cookie the server sets at sign-in, so no script (and no storage) ever holds it. A reload gets a
 * new access token from the cookie (`restore`).
 */
/** Where the console kept its session before the refresh cookie. */
const LEGACY_STORAGE_KEY = 'ctx.session';

@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly state = signal<Session | null>(inject(INITIAL_SESSION));
  private refreshing: Observable<string> | null = null;

  readonly session = this.state.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly signedIn = computed(() => this.state() !== null);

  can(capability: Capability): boolean {
    const role = this.state()?.user.role;
    return role ? ROLE_CAPABILITIES[role].includes(capability) : false;
  }

  accessToken(): string | null {
    return this.state()?.accessToken ?? null;
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<LoginResponse>(api('/auth/login'), { email, password }, this.skip()),
    );
    this.state.set({ accessToken: res.accessToken, user: res.user });
  }

  /** Accepting an invitation sets the password and signs the new user in (refresh cookie). */
  async acceptInvitation(token: string, password: string): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<LoginResponse>(api('/invitations/accept'), { token, password }, this.skip()),
    );
    this.state.set({ accessToken: res.accessToken, user: res.user });
  }

  /** Mails a one-time sign-in link; the answer is the same whether the account exists or not. */
  /** Sign-in with a directory (LDAP / Active Directory) login; same session as signIn. */
  async signInWithDirectory(request: {
    login: string;
    password: string;
    organization?: string;
    mfaCode?: string;
  }): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<LoginResponse>(api('/auth/ldap/login'), request, this.skip()),
    );
    this.state.set({ accessToken: res.accessToken, user: res.user });
  }

  async requestSignInLink(email: string): Promise<void> {
    await firstValueFrom(this.http.post(api('/auth/sign-in-link'), { email }, this.skip()));
  }

  /** Signs in with the mailed link's token (and the authenticator code when the user has MFA). */
  async signInWithLink(token: string, mfaCode?: string): Promise<void> {
    const body = mfaCode ? { token, mfaCode } : { token };
    const res = await firstValueFrom(
      this.http.post<LoginResponse>(api('/auth/sign-in-link/consume'), body, this.skip()),
    );
    this.state.set({ accessToken: res.accessToken, user: res.user });
  }

  async signUp(request: SignupRequest): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<SignupResponse>(api('/auth/signup'), request, this.skip()),
    );
    this.state.set({
      accessToken: res.accessToken,
      user: res.user,
      organization: res.organization,
    });
  }

  /** At start-up: a new access token from the refresh cookie, if there is a live one. */
  async restore(): Promise<void> {
    // Versions before the cookie kept the whole session, refresh token included, in localStorage:
    // drop it, so no script can read it from there any longer.
    globalThis.localStorage?.removeItem(LEGACY_STORAGE_KEY);
    if (this.state()) return;
    // The server sets this readable hint beside the HttpOnly refresh cookie; without it there is
    // nothing to refresh, and a refresh bound to fail would log a 401 in the browser console.
    if (!hasSessionHint()) {
      this.state.set(null);
      return;
    }
    try {
      this.state.set(await (takeSessionStart() ?? this.refreshSession()));
    } catch {
      // No cookie, or a dead one: the console starts signed out.
      this.state.set(null);
    }
  }

  private async refreshSession(): Promise<Session> {
    const accessToken = await firstValueFrom(this.refreshWithCookie());
    const user = await firstValueFrom(
      this.http.get<User>(api('/me'), {
        headers: { Authorization: `Bearer ${accessToken}` },
        ...this.skip(),
      }),
    );
    return { accessToken, user };
  }

  /** A session finished elsewhere (the second factor step of a sign-in). */
  adopt(res: { accessToken: string; user: Session['user'] }): void {
    this.state.set({ accessToken: res.accessToken, user: res.user });
  }

  async signOut(): Promise<void> {
    let endSessionUrl: string | null = null;
    if (this.state()) {
      // Revokes the session and clears the cookie; signing out locally never waits on it. A session
      // from single sign-on also ends at the provider (RP-initiated logout).
      const res = await firstValueFrom(
        this.http.post<{ endSessionUrl: string | null }>(api('/auth/oidc/logout'), {}),
      ).catch(() => null);
      endSessionUrl = res?.endSessionUrl ?? null;
    }
    this.clear();
    if (endSessionUrl) {
      window.location.assign(endSessionUrl);
      return;
    }
    await this.router.navigate(['/sign-in']);
  }

  /** One refresh at a time; concurrent 401s wait for the same new token. */
  refresh(): Observable<string> {
    this.refreshing ??= this.refreshWithCookie().pipe(
      map((accessToken) => {
        const current = this.state();
        if (current) this.state.set({ ...current, accessToken });
        return accessToken;
      }),
      finalize(() => (this.refreshing = null)),
      shareReplay(1),
    );
    return this.refreshing;
  }

  canRefresh(): boolean {
    return this.state() !== null;
  }

  clear(): void {
    this.state.set(null);
  }

  private refreshWithCookie(): Observable<string> {
    return defer(() =>
      acrossTabs(() =>
        firstValueFrom(
          this.http.post<Tokens>(
            api('/auth/refresh'),
            {},
            { headers: CSRF_HEADERS, ...this.skip() },
          ),
        ),
      ),
    ).pipe(map((tokens) => tokens.accessToken));
  }

  private skip() {
    return { context: new HttpContext().set(SKIP_AUTH, true) };
  }
}

/** The restore src/session-start.js began before Angular loaded; taken once. */
function takeSessionStart(): Promise<Session> | undefined {
  const holder = globalThis as { ctxSessionStart?: Promise<Session> };
  const started = holder.ctxSessionStart;
  delete holder.ctxSessionStart;
  return started;
}

const SESSION_HINT = /(?:^|;\s*)ctx_session=/;

/** Whether the hint cookie says a session is there to restore (the refresh cookie is HttpOnly). */
export function hasSessionHint(): boolean {
  return SESSION_HINT.test(globalThis.document?.cookie ?? '');
}
