import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';

@Component({
  selector: 'ctx-stat-card',
  imports: [MatCard, MatCardContent, MatIcon],
  template: `
    <mat-card appearance="outlined" class="stat">
      <mat-card-content>
        <div class="label">
          @if (icon()) {
            <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
          }
          {{ label() }}
        </div>
        <div class="value" [attr.data-testid]="testId()">{{ value() }}</div>
        @if (hint()) {
          <div class="hint">{{ hint() }}</div>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .label {
      display: flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .label mat-icon {
      font-size: 20px;
      width: 20px;
      height: 20px;
    }
    .value {
      font: var(--mat-sys-headline-medium);
      margin-top: 8px;
      font-variant-numeric: tabular-nums;
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin-top: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatCard {
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly hint = input<string>('');
  readonly icon = input<string>('');
  readonly testId = input<string | null>(null);
}
