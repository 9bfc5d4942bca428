import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/http/api';
import { describeError } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { LanguageLinks } from './language-links';

/** Where the reset mail's link lands: choose a new password with the mailed token. */
@Component({
  selector: 'ctx-reset-password',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    TranslatePipe,
    LanguageLinks,
  ],
  template: `
    <main>
      <mat-card class="card" appearance="outlined">
        <mat-card-content>
          <div class="brand">
            <mat-icon aria-hidden="true">schedule</mat-icon>
            CallTimeX
          </div>
          <h1>{{ 'auth.resetTitle' | t }}</h1>
          @if (done()) {
            <p class="info" role="status">{{ 'auth.resetDone' | t }}</p>
            <a mat-flat-button routerLink="/sign-in">{{ 'auth.signIn' | t }}</a>
          } @else {
            <form [formGroup]="form" (ngSubmit)="submit()">
              @if (error()) {
                <p class="error" role="alert">{{ error() }}</p>
              }
              <mat-form-field>
                <mat-label>{{ 'auth.newPassword' | t }}</mat-label>
                <input
                  matInput
                  type="password"
                  formControlName="password"
                  autocomplete="new-password"
                />
                <mat-hint>{{ 'auth.passwordHint' | t }}</mat-hint>
              </mat-form-field>
              <div class="actions">
                <a routerLink="/sign-in">{{ 'auth.backToSignIn' | t }}</a>
                <button mat-flat-button type="submit" [disabled]="busy() || !token()">
                  {{ 'auth.resetButton' | t }}
                </button>
              </div>
            </form>
          }
          <ctx-language-links />
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styleUrl: './auth-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPassword {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  readonly token = input<string>();
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(10)]],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.post(
        '/auth/password-reset/confirm',
        { token: this.token(), password: this.form.getRawValue().password },
        { skipAuth: true },
      );
      this.done.set(true);
    } catch (error) {
      this.error.set(describeError(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
