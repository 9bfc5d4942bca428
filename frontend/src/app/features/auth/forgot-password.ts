import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/http/api';
import { describeError, isNotAvailable } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { LanguageLinks } from './language-links';

@Component({
  selector: 'ctx-forgot-password',
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
          <h1>{{ 'auth.forgotTitle' | t }}</h1>
          @if (sent()) {
            <p class="info" role="status">{{ 'auth.forgotSent' | t }}</p>
          } @else {
            <p class="muted">{{ 'auth.forgotIntro' | t }}</p>
            <form [formGroup]="form" (ngSubmit)="submit()">
              @if (error()) {
                <p class="error" role="alert">{{ error() }}</p>
              }
              <mat-form-field>
                <mat-label>{{ 'auth.email' | t }}</mat-label>
                <input matInput type="email" formControlName="email" autocomplete="email" />
              </mat-form-field>
              <div class="actions">
                <a routerLink="/sign-in">{{ 'auth.backToSignIn' | t }}</a>
                <button mat-flat-button type="submit" [disabled]="busy()">
                  {{ 'auth.sendLink' | t }}
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
export class ForgotPassword {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly busy = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.post('/auth/password-reset', this.form.getRawValue(), { skipAuth: true });
      this.sent.set(true);
    } catch (error) {
      this.error.set(
        isNotAvailable(error)
          ? this.i18n.t('auth.forgotUnavailable')
          : describeError(error, this.i18n),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
