import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { Api } from '@app/core/http/api';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { AuthCard } from './auth-card';
import { NewPasswordField } from './new-password-field';

/** The two mailed links that end in choosing a password differ only in wording and endpoint. */
const FLOWS = {
  invitation: {
    path: '/invitations/accept',
    heading: 'auth.acceptTitle',
    label: 'auth.password',
    submit: 'auth.acceptButton',
    done: 'auth.acceptDone',
    backToSignIn: false,
  },
  reset: {
    path: '/auth/password-reset/confirm',
    heading: 'auth.resetTitle',
    label: 'auth.newPassword',
    submit: 'auth.resetButton',
    done: 'auth.resetDone',
    backToSignIn: true,
  },
} as const;

export type SetPasswordFlow = keyof typeof FLOWS;

/** Chooses a password with the token from an invitation or password-reset mail. */
@Component({
  selector: 'ctx-set-password',
  imports: [RouterLink, MatButton, TranslatePipe, AuthCard, NewPasswordField],
  template: `
    <ctx-auth-card
      [heading]="texts().heading | t"
      [done]="done() ? (texts().done | t) : null"
      [form]="form"
      [submitLabel]="texts().submit | t"
      [busy]="request.busy()"
      [canSubmit]="!!token()"
      [error]="request.error()"
      (submitted)="submit()"
    >
      <ctx-new-password-field [control]="form.controls.password" [label]="texts().label | t" />
      @if (texts().backToSignIn) {
        <a auth-secondary routerLink="/sign-in">{{ 'auth.backToSignIn' | t }}</a>
      }
      <a auth-done mat-flat-button routerLink="/sign-in">{{ 'auth.signIn' | t }}</a>
    </ctx-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetPassword {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  readonly flow = input.required<SetPasswordFlow>();
  readonly token = input<string>();
  protected readonly texts = computed(() => FLOWS[this.flow()]);
  protected readonly done = signal(false);
  protected readonly request = formRequest();
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(10)]],
  });

  protected submit(): Promise<void> {
    return this.request.send(this.form, async () => {
      const { password } = this.form.getRawValue();
      if (this.flow() === 'invitation') {
        // The answer is a session: the new user goes straight in, to their start page.
        await this.auth.acceptInvitation(this.token() ?? '', password);
        await this.router.navigateByUrl('/');
        return;
      }
      await this.api.post(this.texts().path, { token: this.token(), password }, { skipAuth: true });
      this.done.set(true);
    });
  }
}
