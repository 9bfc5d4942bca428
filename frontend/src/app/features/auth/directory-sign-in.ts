import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { isProblem } from '@app/core/http/problem';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { AuthCard } from './auth-card';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/** Sign-in with the organization's directory (LDAP / Active Directory) login and password. */
@Component({
  selector: 'ctx-directory-sign-in',
  imports: [ReactiveFormsModule, RouterLink, FIELD_PARTS, TranslatePipe, AuthCard],
  template: `
    <ctx-auth-card
      [heading]="'directory.signInTitle' | t"
      [intro]="'directory.signInIntro' | t"
      [notice]="mfaNeeded() ? ('auth.mfaNeeded' | t) : null"
      [form]="form"
      [submitLabel]="'auth.signIn' | t"
      [busy]="request.busy()"
      [error]="request.error()"
      (submitted)="submit()"
    >
      <mat-form-field appearance="outline">
        <mat-label>{{ 'directory.login' | t }}</mat-label>
        <input
          matInput
          data-testid="directory-login"
          [formControl]="form.controls.login"
          autocomplete="username"
        />
        <mat-hint>{{ 'directory.loginHint' | t }}</mat-hint>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'auth.password' | t }}</mat-label>
        <input
          matInput
          type="password"
          data-testid="directory-password"
          [formControl]="form.controls.password"
          autocomplete="current-password"
        />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'directory.organization' | t }}</mat-label>
        <input matInput [formControl]="form.controls.organization" autocomplete="organization" />
        <mat-hint>{{ 'directory.organizationHint' | t }}</mat-hint>
      </mat-form-field>
      @if (mfaNeeded()) {
        <mat-form-field appearance="outline">
          <mat-label>{{ 'auth.mfaCode' | t }}</mat-label>
          <input
            matInput
            inputmode="numeric"
            autocomplete="one-time-code"
            [formControl]="form.controls.mfaCode"
          />
        </mat-form-field>
      }
      <a auth-secondary routerLink="/sign-in">{{ 'directory.signInLocal' | t }}</a>
    </ctx-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DirectorySignIn {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();

  protected readonly mfaNeeded = signal(false);
  protected readonly request = formRequest((error) => {
    if (isProblem(error, 'mfa-required')) return 'auth.mfaNeeded';
    if (isProblem(error, 'directory-not-permitted')) return 'directory.notPermitted';
    if (isProblem(error, 'directory-unavailable')) return 'directory.unavailable';
    if (isProblem(error, 'organization-required')) return 'directory.organizationRequired';
    return null;
  });
  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', [Validators.required, Validators.maxLength(256)]],
    password: ['', Validators.required],
    organization: ['', Validators.maxLength(200)],
    mfaCode: ['', Validators.pattern(/^\d{6}$/)],
  });

  protected submit(): Promise<void> {
    return this.request.send(this.form, async () => {
      const { login, password, organization, mfaCode } = this.form.getRawValue();
      try {
        await this.auth.signInWithDirectory({
          login,
          password,
          ...(organization.trim() ? { organization: organization.trim() } : {}),
          ...(this.mfaNeeded() && mfaCode ? { mfaCode } : {}),
        });
      } catch (error) {
        if (isProblem(error, 'mfa-required')) {
          this.mfaNeeded.set(true);
          this.form.controls.mfaCode.addValidators(Validators.required);
        }
        throw error;
      }
      await this.router.navigateByUrl(this.returnUrl() || '/');
    });
  }
}
