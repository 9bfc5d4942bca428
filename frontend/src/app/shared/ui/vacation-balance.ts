import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { VacationBalance as Balance } from '@app/api/models';
import { api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from './async-state';

/** An employee's vacation days of a year: the allowance, what is taken or asked for, what is left. */
@Component({
  selector: 'ctx-vacation-balance',
  imports: [AsyncState, WhenReady, TranslatePipe],
  template: `
    @if (compact()) {
      @if (balance.data(); as b) {
        <span class="compact" data-testid="balance-compact">
          {{
            'absences.balance.leftOf'
              | t: { left: fmt.days(b.remainingDays), allowance: fmt.num(b.allowanceDays) }
          }}
        </span>
      }
    } @else {
      <ctx-async-state [view]="balance">
        <ng-template ctxWhenReady>
          @if (balance.data(); as b) {
            <dl class="balance" data-testid="vacation-balance">
              <div class="main">
                <dt>{{ 'absences.balance.remaining' | t }}</dt>
                <dd data-testid="balance-remaining">{{ fmt.days(b.remainingDays) }}</dd>
              </div>
              <div>
                <dt>{{ 'absences.balance.allowance' | t }}</dt>
                <dd>{{ fmt.days(b.allowanceDays) }}</dd>
              </div>
              <div>
                <dt>{{ 'absences.balance.approved' | t }}</dt>
                <dd>{{ fmt.days(b.approvedDays) }}</dd>
              </div>
              <div>
                <dt>{{ 'absences.balance.requested' | t }}</dt>
                <dd>{{ fmt.days(b.requestedDays) }}</dd>
              </div>
            </dl>
          }
        </ng-template>
      </ctx-async-state>
    }
  `,
  styles: `
    .balance {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 32px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      font: var(--mat-sys-title-medium);
      font-variant-numeric: tabular-nums;
    }
    .main dd {
      font: var(--mat-sys-headline-small);
    }
    .compact {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VacationBalance {
  protected readonly fmt = inject(Format);
  private readonly i18n = inject(I18n);
  readonly employeeId = input.required<string>();
  readonly year = input.required<number>();
  /** One line of text (beside a request), nothing while loading or when not available. */
  readonly compact = input(false);
  /** A change asks again (after an allowance or an absence changed). */
  readonly revision = input(0);

  private readonly ref = httpResource<Balance>(() => {
    this.revision();
    return {
      url: api('/absences/balance'),
      params: { employeeId: this.employeeId(), year: this.year() },
    };
  });
  protected readonly balance = viewOf(this.ref, this.i18n);
}
