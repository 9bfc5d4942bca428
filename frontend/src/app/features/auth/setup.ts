import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { HttpErrorResponse } from '@angular/common/http';
import { Auth } from '@app/core/auth/auth.service';
import { describeError } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { LanguageLinks } from './language-links';

/** First-run sign-up: creates the organization and its owner. */
@Component({
  selector: 'ctx-setup',
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
          <h1>{{ 'auth.setupTitle' | t }}</h1>
          <p class="muted">{{ 'auth.setupIntro' | t }}</p>
          <form [formGroup]="form" (ngSubmit)="submit()">
            @if (error()) {
              <p class="error" role="alert">{{ error() }}</p>
            }
            <mat-form-field>
              <mat-label>{{ 'auth.organizationName' | t }}</mat-label>
              <input matInput formControlName="organizationName" autocomplete="organization" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'auth.fullName' | t }}</mat-label>
              <input matInput formControlName="fullName" autocomplete="name" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'auth.email' | t }}</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="email" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'auth.password' | t }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="new-password"
              />
              <mat-hint>{{ 'auth.passwordHint' | t }}</mat-hint>
            </mat-form-field>
            <div class="actions">
              <a routerLink="/sign-in">{{ 'auth.haveAccount' | t }}</a>
              <button mat-flat-button type="submit" [disabled]="busy()">
                {{ 'auth.createOrganization' | t }}
              </button>
            </div>
          </form>
          <ctx-language-links />
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styleUrl: './auth-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Setup {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    organizationName: ['', [Validators.required, Validators.maxLength(200)]],
    fullName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email]],
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
      await this.auth.signUp(this.form.getRawValue());
      await this.router.navigateByUrl('/dashboard');
    } catch (error) {
      this.error.set(
        error instanceof HttpErrorResponse && error.status === 403
          ? this.i18n.t('auth.signupClosed')
          : describeError(error, this.i18n),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
