import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Format } from '@app/core/i18n/format.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';

export interface TrendPoint {
  day: string;
  employees: number;
  activeSeconds: number;
  idleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
}

const PARTS = ['productive', 'neutral', 'unproductive', 'idle'] as const;
type Part = (typeof PARTS)[number];

/**
 * Per-day stacked bars (productive, neutral, unproductive active time, then idle) on one scale,
 * with the same figures as a table for screen readers and for reading exact values.
 */
@Component({
  selector: 'ctx-trend-chart',
  imports: [MatButton, TranslatePipe],
  template: `
    <div class="head">
      <ul class="legend" aria-hidden="true">
        @for (part of parts; track part) {
          <li><span class="dot" [class]="'dot ' + part"></span>{{ 'trend.' + part | t }}</li>
        }
      </ul>
      <button mat-button type="button" (click)="asTable.set(!asTable())" data-testid="trend-toggle">
        {{ (asTable() ? 'trend.showChart' : 'trend.showTable') | t }}
      </button>
    </div>
    @if (!asTable()) {
      <div class="chart" role="img" [attr.aria-label]="caption()" data-testid="trend-chart">
        @for (bar of bars(); track bar.day) {
          <div class="col" [attr.title]="bar.title">
            <div class="stack">
              @for (seg of bar.segments; track seg.part) {
                <span class="seg" [class]="'seg ' + seg.part" [style.height.%]="seg.percent"></span>
              }
            </div>
            <span class="label">{{ bar.label }}</span>
          </div>
        }
      </div>
    } @else {
      <table class="table" data-testid="trend-table">
        <caption>
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ 'trend.day' | t }}</th>
            <th scope="col" class="num">{{ 'trend.people' | t }}</th>
            <th scope="col" class="num">{{ 'trend.active' | t }}</th>
            @for (part of parts; track part) {
              <th scope="col" class="num">{{ 'trend.' + part | t }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (d of days(); track d.day) {
            <tr>
              <th scope="row">{{ fmt.day(d.day) }}</th>
              <td class="num">{{ fmt.num(d.employees) }}</td>
              <td class="num">{{ fmt.duration(d.activeSeconds) }}</td>
              <td class="num">{{ fmt.duration(d.productiveSeconds) }}</td>
              <td class="num">{{ fmt.duration(d.neutralSeconds) }}</td>
              <td class="num">{{ fmt.duration(d.unproductiveSeconds) }}</td>
              <td class="num">{{ fmt.duration(d.idleSeconds) }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
    }
    .legend {
      display: flex;
      gap: 16px;
      list-style: none;
      margin: 0;
      padding: 0;
      font: var(--mat-sys-body-small);
    }
    .dot {
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      margin-right: 6px;
    }
    .chart {
      display: flex;
      align-items: flex-end;
      gap: 4px;
      height: 200px;
      padding-top: 8px;
      overflow-x: auto;
    }
    .col {
      flex: 1 0 14px;
      display: flex;
      flex-direction: column;
      align-items: center;
      height: 100%;
    }
    .stack {
      flex: 1;
      width: 100%;
      max-width: 36px;
      display: flex;
      flex-direction: column-reverse;
      background: var(--mat-sys-surface-container);
      border-radius: 4px 4px 0 0;
      overflow: hidden;
    }
    .label {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      margin-top: 4px;
      white-space: nowrap;
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
    .idle {
      background: var(--mat-sys-tertiary-container);
    }
    .table {
      border-collapse: collapse;
      width: 100%;
    }
    .table th,
    .table td {
      text-align: left;
      padding: 4px 12px 4px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .table .num {
      text-align: right;
    }
    caption {
      text-align: left;
      font: var(--mat-sys-title-small);
      padding-bottom: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TrendChart {
  protected readonly fmt = inject(Format);
  readonly days = input.required<TrendPoint[]>();
  readonly caption = input.required<string>();
  protected readonly parts = PARTS;
  protected readonly asTable = signal(false);

  protected readonly bars = computed(() => {
    const days = this.days();
    const max = Math.max(1, ...days.map((d) => d.activeSeconds + d.idleSeconds));
    // Every label would crowd a month: one in seven then.
    const every = days.length > 14 ? 7 : 1;
    return days.map((d, i) => {
      const seconds: Record<Part, number> = {
        productive: d.productiveSeconds,
        neutral: d.neutralSeconds,
        unproductive: d.unproductiveSeconds,
        idle: d.idleSeconds,
      };
      return {
        day: d.day,
        label: i % every === 0 ? this.fmt.weekday(d.day) + ' ' + d.day.slice(8) : '',
        title: `${this.fmt.day(d.day)}: ${this.fmt.duration(d.activeSeconds)} · ${this.fmt.duration(d.idleSeconds)}`,
        segments: PARTS.filter((p) => seconds[p] > 0).map((part) => ({
          part,
          percent: (seconds[part] / max) * 100,
        })),
      };
    });
  });
}
