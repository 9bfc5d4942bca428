import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { AuthCard } from './auth-card';

@Component({
  selector: 'ctx-sign-in',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    AuthCard,
  ],
  template: `
    <ctx-auth-card
      [heading]="'auth.signInTitle' | t"
      [notice]="expired() ? ('auth.sessionExpired' | t) : null"
      [form]="form"
      [submitLabel]="'auth.signIn' | t"
      [busy]="request.busy()"
      [error]="request.error()"
      (submitted)="submit()"
    >
      <mat-form-field>
        <mat-label>{{ 'auth.email' | t }}</mat-label>
        <input matInput type="email" [formControl]="form.controls.email" autocomplete="username" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'auth.password' | t }}</mat-label>
        <input
          matInput
          type="password"
          [formControl]="form.controls.password"
          autocomplete="current-password"
        />
      </mat-form-field>
      <a auth-secondary routerLink="/forgot-password">{{ 'auth.forgot' | t }}</a>
      <p auth-footer>
        {{ 'auth.firstRun' | t }} <a routerLink="/setup">{{ 'auth.setupLink' | t }}</a>
      </p>
    </ctx-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  readonly expired = input<string>();

  protected readonly request = formRequest();
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected submit(): Promise<void> {
    return this.request.send(this.form, async () => {
      const { email, password } = this.form.getRawValue();
      await this.auth.signIn(email, password);
      await this.router.navigateByUrl(this.returnUrl() || '/');
    });
  }
}
