import { HttpClient, HttpContext } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import {
  startAuthentication,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { firstValueFrom } from 'rxjs';
import { api, SKIP_AUTH } from '@app/core/http/api';
import { describeError } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';

interface Provider {
  organizationId: string;
  displayName: string;
  startUrl: string;
}

const SSO_ERRORS: Record<
  string,
  'sso.errorNoAccount' | 'sso.errorDomain' | 'sso.errorState' | 'sso.errorToken'
> = {
  'oidc-no-account': 'sso.errorNoAccount',
  'oidc-domain-not-allowed': 'sso.errorDomain',
  'oidc-state-mismatch': 'sso.errorState',
  'oidc-token-invalid': 'sso.errorToken',
};

/** "Sign in with <provider>" buttons, and the reason when a provider sign-in came back failed. */
@Component({
  selector: 'ctx-sso-buttons',
  imports: [MatButton, TranslatePipe],
  template: `
    @if (errorKey(); as key) {
      <p class="error" role="alert" data-testid="sso-error">{{ key | t }}</p>
    }
    @for (p of providers(); track p.organizationId) {
      <a
        mat-stroked-button
        class="sso-button"
        [href]="p.startUrl + (returnUrl() ? '?returnTo=' + encode(returnUrl()!) : '')"
        data-testid="sso-sign-in"
        >{{ 'sso.signInWith' | t: { name: p.displayName } }}</a
      >
    }
  `,
  styles: `
    .sso-button {
      width: 100%;
      margin-top: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SsoButtons {
  private readonly http = inject(HttpClient);
  readonly returnUrl = input<string>();
  readonly ssoError = input<string>();
  protected readonly providers = signal<Provider[]>([]);
  protected readonly errorKey = computed(() => {
    const code = this.ssoError();
    if (!code) return null;
    return SSO_ERRORS[code] ?? 'sso.errorGeneric';
  });

  constructor() {
    firstValueFrom(
      this.http.get<{ items: Provider[] }>(api('/auth/oidc'), {
        context: new HttpContext().set(SKIP_AUTH, true),
      }),
    )
      .then((res) => this.providers.set(res.items))
      .catch(() => this.providers.set([]));
  }

  protected encode(value: string): string {
    return encodeURIComponent(value.startsWith('/') ? value : '/');
  }
}

/** The second step of a sign-in: authenticator code, recovery code or passkey, with the ticket. */
@Component({
  selector: 'ctx-mfa-step',
  imports: [FormsModule, MatButton, MatFormField, MatLabel, MatInput, TranslatePipe],
  template: `
    <h2>{{ 'sso.mfaTitle' | t }}</h2>
    <p>{{ 'sso.mfaHint' | t }}</p>
    <form (ngSubmit)="verify()">
      @if (recovery()) {
        <mat-form-field appearance="outline">
          <mat-label>{{ 'sso.recoveryCode' | t }}</mat-label>
          <input
            matInput
            name="recovery"
            [(ngModel)]="value"
            autocomplete="off"
            data-testid="mfa-recovery"
          />
        </mat-form-field>
      } @else {
        <mat-form-field appearance="outline">
          <mat-label>{{ 'sso.code' | t }}</mat-label>
          <input
            matInput
            name="code"
            [(ngModel)]="value"
            inputmode="numeric"
            autocomplete="one-time-code"
            data-testid="mfa-code"
          />
        </mat-form-field>
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ 'sso.verify' | t }}</button>
        <button mat-button type="button" (click)="toggle()">
          {{ (recovery() ? 'sso.useCode' : 'sso.useRecovery') | t }}
        </button>
        <button mat-button type="button" [disabled]="busy()" (click)="passkey()">
          {{ 'sso.usePasskey' | t }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    mat-form-field {
      width: 100%;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaStep {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18n);
  readonly ticket = input.required<string>();
  /** The sign-in answer; the caller stores the session. */
  readonly completed = output<{ accessToken: string; user: unknown }>();
  protected readonly recovery = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected value = '';

  protected toggle(): void {
    this.recovery.update((r) => !r);
    this.value = '';
  }

  protected verify(): Promise<void> {
    const v = this.value.trim();
    return this.complete(this.recovery() ? { recoveryCode: v } : { mfaCode: v });
  }

  protected async passkey(): Promise<void> {
    this.error.set(null);
    try {
      const start = await firstValueFrom(
        this.http.post<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>(
          api('/auth/mfa/passkey-options'),
          { ticket: this.ticket() },
          { context: new HttpContext().set(SKIP_AUTH, true) },
        ),
      );
      const response = await startAuthentication({ optionsJSON: start.options });
      await this.complete({ passkey: { challengeId: start.challengeId, response } });
    } catch (error) {
      this.error.set(describeError(error, this.i18n));
    }
  }

  private async complete(factor: Record<string, unknown>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const res = await firstValueFrom(
        this.http.post<{ accessToken: string; user: unknown }>(
          api('/auth/mfa/complete'),
          { ticket: this.ticket(), ...factor },
          { context: new HttpContext().set(SKIP_AUTH, true) },
        ),
      );
      this.completed.emit(res);
    } catch (error) {
      this.error.set(describeError(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
