import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { describeError } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { LanguageLinks } from './language-links';

@Component({
  selector: 'ctx-sign-in',
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
          <h1>{{ 'auth.signInTitle' | t }}</h1>
          @if (expired()) {
            <p class="info">{{ 'auth.sessionExpired' | t }}</p>
          }
          <form [formGroup]="form" (ngSubmit)="submit()">
            @if (error()) {
              <p class="error" role="alert">{{ error() }}</p>
            }
            <mat-form-field>
              <mat-label>{{ 'auth.email' | t }}</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="username" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'auth.password' | t }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="current-password"
              />
            </mat-form-field>
            <div class="actions">
              <a routerLink="/forgot-password">{{ 'auth.forgot' | t }}</a>
              <button mat-flat-button type="submit" [disabled]="busy()">
                {{ 'auth.signIn' | t }}
              </button>
            </div>
          </form>
          <p>
            {{ 'auth.firstRun' | t }} <a routerLink="/setup">{{ 'auth.setupLink' | t }}</a>
          </p>
          <ctx-language-links />
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styleUrl: './auth-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  readonly returnUrl = input<string>();
  readonly expired = input<string>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { email, password } = this.form.getRawValue();
      await this.auth.signIn(email, password);
      await this.router.navigateByUrl(this.returnUrl() || '/');
    } catch (error) {
      this.error.set(describeError(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
