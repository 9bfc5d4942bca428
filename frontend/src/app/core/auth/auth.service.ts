import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom, type Observable, shareReplay, map, finalize } from 'rxjs';
import type { LoginResponse, SignupRequest, SignupResponse, Tokens } from '@app/api/models';
import { SKIP_AUTH, api } from '../http/api';
import { ROLE_CAPABILITIES, type Capability, type Session } from './session';

const STORAGE_KEY = 'ctx.session';

function readStored(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly state = signal<Session | null>(readStored());
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
    this.store({ accessToken: res.accessToken, refreshToken: res.refreshToken, user: res.user });
  }

  /** Mails a one-time sign-in link; the answer is the same whether the account exists or not. */
  async requestSignInLink(email: string): Promise<void> {
    await firstValueFrom(this.http.post(api('/auth/sign-in-link'), { email }, this.skip()));
  }

  /** Signs in with the mailed link's token (and the authenticator code when the user has MFA). */
  async signInWithLink(token: string, mfaCode?: string): Promise<void> {
    const body = mfaCode ? { token, mfaCode } : { token };
    const res = await firstValueFrom(
      this.http.post<LoginResponse>(api('/auth/sign-in-link/consume'), body, this.skip()),
    );
    this.store({ accessToken: res.accessToken, refreshToken: res.refreshToken, user: res.user });
  }

  async signUp(request: SignupRequest): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<SignupResponse>(api('/auth/signup'), request, this.skip()),
    );
    this.store({
      accessToken: res.accessToken,
      refreshToken: res.refreshToken,
      user: res.user,
      organization: res.organization,
    });
  }

  async signOut(): Promise<void> {
    if (this.state()) {
      // The session is revoked server-side when it can be; signing out locally never waits on it.
      await firstValueFrom(this.http.post(api('/auth/logout'), {})).catch(() => undefined);
    }
    this.clear();
    await this.router.navigate(['/sign-in']);
  }

  /** One refresh at a time; concurrent 401s wait for the same new token. */
  refresh(): Observable<string> {
    const refreshToken = this.state()?.refreshToken;
    if (!refreshToken) throw new Error('no refresh token');
    this.refreshing ??= this.http
      .post<Tokens>(api('/auth/refresh'), { refreshToken }, this.skip())
      .pipe(
        map((tokens) => {
          const current = this.state();
          if (current) {
            this.store({
              ...current,
              accessToken: tokens.accessToken,
              refreshToken: tokens.refreshToken,
            });
          }
          return tokens.accessToken;
        }),
        finalize(() => (this.refreshing = null)),
        shareReplay(1),
      );
    return this.refreshing;
  }

  canRefresh(): boolean {
    return Boolean(this.state()?.refreshToken);
  }

  clear(): void {
    this.state.set(null);
    globalThis.localStorage?.removeItem(STORAGE_KEY);
  }

  private store(session: Session): void {
    this.state.set(session);
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(session));
  }

  private skip() {
    return { context: new HttpContext().set(SKIP_AUTH, true) };
  }
}
