import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { TranslatePipe } from '@app/core/i18n/t.pipe';

/**
 * Loading, error, "not on this server" and empty states for one block of data. The content is
 * projected and shown only when there is data.
 */
@Component({
  selector: 'ctx-async-state',
  imports: [MatProgressSpinnerModule, MatIconModule, MatButtonModule, TranslatePipe],
  template: `
    @if (loading()) {
      <div class="state" role="status" aria-live="polite">
        <mat-spinner diameter="32" [attr.aria-label]="'common.loading' | t" />
      </div>
    } @else if (unavailable()) {
      <div class="state" role="status" data-testid="unavailable">
        <mat-icon aria-hidden="true">cloud_off</mat-icon>
        <p class="title">{{ 'common.unavailableTitle' | t }}</p>
        <p class="muted">{{ 'common.unavailable' | t }}</p>
      </div>
    } @else if (error()) {
      <div class="state error" role="alert" data-testid="error">
        <mat-icon aria-hidden="true">error_outline</mat-icon>
        <p>{{ error() }}</p>
        <button mat-stroked-button type="button" (click)="retry.emit()">
          {{ 'common.retry' | t }}
        </button>
      </div>
    } @else if (empty()) {
      <div class="state" role="status" data-testid="empty">
        <mat-icon aria-hidden="true">{{ emptyIcon() }}</mat-icon>
        <p class="muted">{{ emptyText() || ('common.empty' | t) }}</p>
        <ng-content select="[empty-action]" />
      </div>
    } @else {
      <ng-content />
    }
  `,
  styles: `
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 8px;
      padding: 40px 16px;
      text-align: center;
    }
    .state mat-icon {
      font-size: 40px;
      width: 40px;
      height: 40px;
      color: var(--mat-sys-on-surface-variant);
    }
    .state.error mat-icon,
    .state.error p {
      color: var(--mat-sys-error);
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    p {
      margin: 0;
      max-width: 560px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AsyncState {
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly unavailable = input(false);
  readonly empty = input(false);
  readonly emptyText = input<string>('');
  readonly emptyIcon = input('inbox');
  readonly retry = output();
}
