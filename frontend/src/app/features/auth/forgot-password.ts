import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/http/api';
import { isNotAvailable } from '@app/core/http/problem';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { AuthCard } from './auth-card';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

@Component({
  selector: 'ctx-forgot-password',
  imports: [ReactiveFormsModule, RouterLink, FIELD_PARTS, TranslatePipe, AuthCard],
  template: `
    <ctx-auth-card
      [heading]="'auth.forgotTitle' | t"
      [intro]="'auth.forgotIntro' | t"
      [done]="sent() ? ('auth.forgotSent' | t) : null"
      [form]="form"
      [submitLabel]="'auth.sendLink' | t"
      [busy]="request.busy()"
      [error]="request.error()"
      (submitted)="submit()"
    >
      <mat-form-field appearance="outline">
        <mat-label>{{ 'auth.email' | t }}</mat-label>
        <input matInput type="email" [formControl]="form.controls.email" autocomplete="email" />
      </mat-form-field>
      <a auth-secondary routerLink="/sign-in">{{ 'auth.backToSignIn' | t }}</a>
    </ctx-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPassword {
  private readonly api = inject(Api);
  protected readonly sent = signal(false);
  protected readonly request = formRequest((error) =>
    isNotAvailable(error) ? 'auth.forgotUnavailable' : null,
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });

  protected submit(): Promise<void> {
    return this.request.send(this.form, async () => {
      await this.api.post('/auth/password-reset', this.form.getRawValue(), { skipAuth: true });
      this.sent.set(true);
    });
  }
}
