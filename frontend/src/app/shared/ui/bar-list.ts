import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export interface BarRow {
  label: string;
  value: number;
  display: string;
  tone?: 'productive' | 'neutral' | 'unproductive';
  sub?: string;
}

/** A ranked horizontal bar chart that is also a readable list (screen readers get the list). */
@Component({
  selector: 'ctx-bar-list',
  template: `
    <ol class="bars" [attr.aria-label]="caption()">
      @for (row of rows(); track row.label + row.sub) {
        <li>
          <div class="line">
            <span class="name" [attr.title]="row.label">{{ row.label }}</span>
            @if (row.sub) {
              <span class="sub">{{ row.sub }}</span>
            }
            <span class="val">{{ row.display }}</span>
          </div>
          <div class="track" aria-hidden="true">
            <div
              class="fill"
              [class]="'fill ' + (row.tone ?? 'neutral')"
              [style.width.%]="max() > 0 ? (row.value / max()) * 100 : 0"
            ></div>
          </div>
        </li>
      }
    </ol>
  `,
  styles: `
    .bars {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .line {
      display: flex;
      gap: 8px;
      align-items: baseline;
    }
    .name {
      flex: 1 1 auto;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .sub {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .val {
      font-variant-numeric: tabular-nums;
      font: var(--mat-sys-label-large);
    }
    .track {
      height: 8px;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-highest);
      margin-top: 4px;
    }
    .fill {
      height: 100%;
      border-radius: 4px;
      min-width: 2px;
    }
    .productive {
      background: var(--mat-sys-primary);
    }
    .neutral {
      background: var(--mat-sys-outline);
    }
    .unproductive {
      background: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BarList {
  readonly rows = input.required<BarRow[]>();
  readonly caption = input('');
  protected readonly max = computed(() => Math.max(0, ...this.rows().map((r) => r.value)));
}
