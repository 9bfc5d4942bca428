import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';

/** Productive / neutral / unproductive shares of active time as one stacked bar with a legend. */
@Component({
  selector: 'ctx-split-bar',
  template: `
    <div class="bar" role="img" [attr.aria-label]="summary()">
      @for (part of parts(); track part.cls) {
        @if (part.seconds > 0) {
          <span
            class="seg"
            [class]="'seg ' + part.cls"
            [style.flex-grow]="part.seconds"
            [attr.title]="part.label + ': ' + part.text"
          ></span>
        }
      }
      @if (total() === 0) {
        <span class="seg none"></span>
      }
    </div>
    <ul class="legend">
      @for (part of parts(); track part.cls) {
        <li>
          <span class="dot" [class]="'dot ' + part.cls" aria-hidden="true"></span>
          <span>{{ part.label }}</span>
          <strong>{{ part.text }}</strong>
          <span class="muted">{{ part.share }}</span>
        </li>
      }
    </ul>
  `,
  styles: `
    .bar {
      display: flex;
      height: 16px;
      border-radius: 8px;
      overflow: hidden;
      background: var(--mat-sys-surface-container-highest);
    }
    .seg {
      flex-basis: 0;
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
    .none {
      flex-grow: 1;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 20px;
      list-style: none;
      padding: 0;
      margin: 12px 0 0;
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .dot {
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      margin-right: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SplitBar {
  private readonly fmt = inject(Format);
  private readonly i18n = inject(I18n);
  readonly productive = input(0);
  readonly neutral = input(0);
  readonly unproductive = input(0);

  protected readonly total = computed(
    () => this.productive() + this.neutral() + this.unproductive(),
  );
  protected readonly parts = computed(() => {
    const total = this.total();
    return (
      [
        ['productive', this.productive()],
        ['neutral', this.neutral()],
        ['unproductive', this.unproductive()],
      ] as const
    ).map(([cls, seconds]) => ({
      cls,
      seconds,
      label: this.i18n.t(`productivity.${cls}`),
      text: this.fmt.duration(seconds),
      share: this.fmt.percent(seconds, total),
    }));
  });
  protected readonly summary = computed(() =>
    this.parts()
      .map((p) => `${p.label} ${p.text} (${p.share})`)
      .join(', '),
  );
}
