import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { AuthCard } from './auth-card';
import { NewPasswordField } from './new-password-field';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/** First-run sign-up: creates the organization and its owner. */
@Component({
  selector: 'ctx-setup',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    FIELD_PARTS,
    TranslatePipe,
    AuthCard,
    NewPasswordField,
  ],
  template: `
    <ctx-auth-card
      [heading]="'auth.setupTitle' | t"
      [intro]="'auth.setupIntro' | t"
      [form]="form"
      [submitLabel]="'auth.createOrganization' | t"
      [busy]="request.busy()"
      [error]="request.error()"
      (submitted)="submit()"
    >
      <mat-form-field appearance="outline">
        <mat-label>{{ 'auth.organizationName' | t }}</mat-label>
        <input
          matInput
          [formControl]="form.controls.organizationName"
          autocomplete="organization"
        />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'auth.fullName' | t }}</mat-label>
        <input matInput [formControl]="form.controls.fullName" autocomplete="name" />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'auth.email' | t }}</mat-label>
        <input matInput type="email" [formControl]="form.controls.email" autocomplete="email" />
      </mat-form-field>
      <ctx-new-password-field [control]="form.controls.password" [label]="'auth.password' | t" />
      <a auth-secondary routerLink="/sign-in">{{ 'auth.haveAccount' | t }}</a>
    </ctx-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Setup {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  protected readonly request = formRequest((error) =>
    error instanceof HttpErrorResponse && error.status === 403 ? 'auth.signupClosed' : null,
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    organizationName: ['', [Validators.required, Validators.maxLength(200)]],
    fullName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(10)]],
  });

  protected submit(): Promise<void> {
    return this.request.send(this.form, async () => {
      await this.auth.signUp(this.form.getRawValue());
      await this.router.navigateByUrl('/dashboard');
    });
  }
}
