import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { describeError, isProblem } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { HttpErrorResponse } from '@angular/common/http';
import type { SessionUser } from '@app/core/auth/session';
import { AuthCard } from './auth-card';
import { MfaStep, SsoButtons } from './sso-sign-in';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/** The 429 a throttled email gets: its owner can still sign in by a link to their mailbox. */
const SIGN_IN_LINK_AVAILABLE = 'sign-in-link-available';

@Component({
  selector: 'ctx-sign-in',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    FIELD_PARTS,
    TranslatePipe,
    AuthCard,
    MfaStep,
    SsoButtons,
  ],
  template: `
    @if (mfaTicket(); as ticket) {
      <section class="mfa-card" data-testid="mfa-step">
        <ctx-mfa-step [ticket]="ticket" (completed)="adopt($event)" />
      </section>
    } @else {
      <ctx-auth-card
        [heading]="'auth.signInTitle' | t"
        [notice]="expired() ? ('auth.sessionExpired' | t) : null"
        [form]="form"
        [submitLabel]="'auth.signIn' | t"
        [busy]="request.busy()"
        [error]="request.error()"
        (submitted)="submit()"
      >
        <mat-form-field appearance="outline">
          <mat-label>{{ 'auth.email' | t }}</mat-label>
          <input
            matInput
            type="email"
            [formControl]="form.controls.email"
            autocomplete="username"
          />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'auth.password' | t }}</mat-label>
          <input
            matInput
            type="password"
            [formControl]="form.controls.password"
            autocomplete="current-password"
          />
        </mat-form-field>
        <a auth-secondary routerLink="/forgot-password">{{ 'auth.forgot' | t }}</a>
        @if (linkOffered()) {
          <div auth-footer class="sign-in-link" data-testid="sign-in-link-offer">
            @if (linkSent()) {
              <p class="info" role="status">{{ 'auth.signInLinkSent' | t }}</p>
            } @else {
              <p>{{ 'auth.signInLinkOffer' | t }}</p>
              @if (linkError(); as message) {
                <p class="error" role="alert">{{ message }}</p>
              }
              <button mat-stroked-button type="button" [disabled]="linkBusy()" (click)="mailLink()">
                {{ 'auth.mailSignInLink' | t }}
              </button>
            }
          </div>
        }
        <div auth-footer>
          <ctx-sso-buttons [returnUrl]="returnUrl()" [ssoError]="ssoError()" />
        </div>
        <p auth-footer>
          <a routerLink="/sign-in/directory" data-testid="directory-sign-in-link">{{
            'directory.signInWith' | t
          }}</a>
        </p>
        <p auth-footer>
          {{ 'auth.firstRun' | t }} <a routerLink="/setup">{{ 'auth.setupLink' | t }}</a>
        </p>
      </ctx-auth-card>
    }
  `,
  styles: `
    .sign-in-link {
      margin-top: 16px;
    }
    .mfa-card {
      max-width: 420px;
      margin: 48px auto;
      padding: 24px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  readonly ssoError = input<string>();
  /** Set by a 401 mfa-required answer, or by a provider sign-in that still needs a second factor. */
  protected readonly mfaTicket = signal<string | null>(
    new URLSearchParams(globalThis.location?.hash.slice(1) ?? '').get('mfaTicket'),
  );

  protected readonly request = formRequest();
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly linkOffered = signal(false);
  protected readonly linkSent = signal(false);
  protected readonly linkBusy = signal(false);
  protected readonly linkError = signal<string | null>(null);

  protected submit(): Promise<void> {
    return this.request.send(this.form, async () => {
      const { email, password } = this.form.getRawValue();
      try {
        await this.auth.signIn(email, password);
      } catch (error) {
        if (isProblem(error, 'mfa-required') && error instanceof HttpErrorResponse) {
          const ticket = (error.error as { mfaTicket?: unknown } | null)?.mfaTicket;
          if (typeof ticket === 'string') {
            this.mfaTicket.set(ticket);
            return;
          }
        }
        if (isProblem(error, SIGN_IN_LINK_AVAILABLE)) {
          this.linkOffered.set(true);
          this.linkSent.set(false);
        }
        throw error;
      }
      await this.router.navigateByUrl(this.returnUrl() || '/');
    });
  }

  protected async adopt(res: { accessToken: string; user: unknown }): Promise<void> {
    this.auth.adopt({ accessToken: res.accessToken, user: res.user as SessionUser });
    if (globalThis.location?.hash) history.replaceState(null, '', globalThis.location.pathname);
    await this.router.navigateByUrl(this.returnUrl() || '/');
  }

  protected async mailLink(): Promise<void> {
    const email = this.form.controls.email;
    if (email.invalid) {
      email.markAsTouched();
      return;
    }
    this.linkBusy.set(true);
    this.linkError.set(null);
    try {
      await this.auth.requestSignInLink(email.getRawValue());
      this.linkSent.set(true);
    } catch (error) {
      this.linkError.set(describeError(error, this.i18n));
    } finally {
      this.linkBusy.set(false);
    }
  }
}
