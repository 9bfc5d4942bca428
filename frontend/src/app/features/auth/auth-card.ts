import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { LanguageLinks } from './language-links';

/**
 * The card of the signed-out pages: brand, heading, one form and the language links. The page
 * projects its fields (bound with `[formControl]`, as they sit outside this form's injector), an
 * optional `[auth-secondary]` link beside the submit button, `[auth-done]` content shown with the
 * `done` message in place of the form, and an `[auth-footer]` below it.
 */
@Component({
  selector: 'ctx-auth-card',
  imports: [ReactiveFormsModule, MatCard, MatCardContent, MatButton, MatIcon, LanguageLinks],
  template: `
    <main>
      <mat-card class="card" appearance="outlined">
        <mat-card-content>
          <div class="brand">
            <mat-icon aria-hidden="true">schedule</mat-icon>
            CallTimeX
          </div>
          <h1>{{ heading() }}</h1>
          @if (done(); as message) {
            <p class="info" role="status">{{ message }}</p>
            <ng-content select="[auth-done]" />
          } @else {
            @if (notice(); as message) {
              <p class="info">{{ message }}</p>
            }
            @if (intro(); as message) {
              <p class="muted">{{ message }}</p>
            }
            <form [formGroup]="form()" (ngSubmit)="submitted.emit()">
              @if (error(); as message) {
                <p class="error" role="alert">{{ message }}</p>
              }
              <ng-content />
              <div class="actions">
                <ng-content select="[auth-secondary]" />
                <button mat-flat-button type="submit" [disabled]="busy() || !canSubmit()">
                  {{ submitLabel() }}
                </button>
              </div>
            </form>
          }
          <ng-content select="[auth-footer]" />
          <ctx-language-links />
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styleUrl: './auth-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthCard {
  readonly heading = input.required<string>();
  /** A muted line above the form. */
  readonly intro = input<string | null>(null);
  /** A highlighted line above the form, such as "your session has ended". */
  readonly notice = input<string | null>(null);
  /** Once set, shown (as a status) in place of the form. */
  readonly done = input<string | null>(null);
  readonly form = input.required<FormGroup>();
  readonly submitLabel = input.required<string>();
  readonly busy = input(false);
  readonly canSubmit = input(true);
  readonly error = input<string | null>(null);
  readonly submitted = output();
}
