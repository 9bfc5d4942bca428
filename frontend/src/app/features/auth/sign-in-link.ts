import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { Router, RouterLink } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { isProblem } from '@app/core/http/problem';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { AuthCard } from './auth-card';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/**
 * Where the sign-in link mail lands. Signing in waits for a click, so a mail scanner that opens
 * the link does not use it up; with MFA the page then asks for the authenticator code.
 */
@Component({
  selector: 'ctx-sign-in-link',
  imports: [ReactiveFormsModule, RouterLink, FIELD_PARTS, TranslatePipe, AuthCard],
  template: `
    <ctx-auth-card
      [heading]="'auth.signInLinkTitle' | t"
      [intro]="token() ? ('auth.signInLinkIntro' | t) : null"
      [notice]="mfaNeeded() ? ('auth.mfaNeeded' | t) : null"
      [form]="form"
      [submitLabel]="'auth.signIn' | t"
      [busy]="request.busy()"
      [canSubmit]="!!token() && !spent()"
      [error]="token() ? request.error() : ('auth.signInLinkMissing' | t)"
      (submitted)="submit()"
    >
      @if (mfaNeeded()) {
        <mat-form-field appearance="outline">
          <mat-label>{{ 'auth.mfaCode' | t }}</mat-label>
          <input
            matInput
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="6"
            [formControl]="form.controls.mfaCode"
          />
        </mat-form-field>
      }
      <a auth-secondary routerLink="/sign-in">{{ 'auth.backToSignIn' | t }}</a>
    </ctx-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInLink {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  readonly token = input<string>();

  protected readonly mfaNeeded = signal(false);
  /** The link cannot work again (used, expired, or burnt by a wrong code). */
  protected readonly spent = signal(false);
  protected readonly request = formRequest((error) => {
    if (isProblem(error, 'mfa-required')) return 'auth.mfaNeeded';
    if (isProblem(error, 'mfa-code-invalid')) return 'auth.signInLinkCodeWrong';
    if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 400)) {
      return 'auth.signInLinkInvalid';
    }
    return null;
  });
  protected readonly form = inject(NonNullableFormBuilder).group({
    mfaCode: ['', Validators.pattern(/^\d{6}$/)],
  });

  protected submit(): Promise<void> {
    return this.request.send(this.form, async () => {
      const code = this.form.controls.mfaCode.getRawValue();
      try {
        await this.auth.signInWithLink(this.token() ?? '', this.mfaNeeded() ? code : undefined);
      } catch (error) {
        if (isProblem(error, 'mfa-required')) {
          this.mfaNeeded.set(true);
          this.form.controls.mfaCode.addValidators(Validators.required);
        } else if (error instanceof HttpErrorResponse && error.status === 401) {
          this.spent.set(true);
        }
        throw error;
      }
      await this.router.navigateByUrl('/');
    });
  }
}
