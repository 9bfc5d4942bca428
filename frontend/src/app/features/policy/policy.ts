import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import type { LocalizedTexts } from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';

interface CurrentPolicy {
  version: number;
  effectiveAt: string;
  publishedAt: string;
  authoritativeLanguage: keyof LocalizedTexts;
  acceptedByMe: boolean;
  acceptedAt?: string;
  summary?: string;
  texts: LocalizedTexts;
}

/** The privacy policy in force, in the reader's language, with its acceptance. */
@Component({
  selector: 'ctx-policy',
  imports: [MatCard, MatCardContent, MatButton, TranslatePipe, AsyncState, WhenReady],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ 'policy.title' | t }}</h1>
      </header>
      <ctx-async-state [view]="policy" [emptyText]="'policy.none' | t">
        <ng-template ctxWhenReady>
          @if (policy.data(); as p) {
            <mat-card appearance="outlined">
              <mat-card-content>
                <p class="muted">
                  {{
                    'policy.version' | t: { version: p.version, date: fmt.dateTime(p.effectiveAt) }
                  }}
                </p>
                @if (text().fallback) {
                  <p class="notice">
                    {{
                      'policy.authoritative'
                        | t: { language: ('languages.' + p.authoritativeLanguage | t) }
                    }}
                  </p>
                }
                <div class="policy-text" [attr.lang]="text().lang">{{ text().body }}</div>
                @if (p.acceptedByMe) {
                  <p class="chip ok">
                    {{ 'policy.accepted' | t: { date: fmt.dateTime(p.acceptedAt) } }}
                  </p>
                } @else {
                  <button mat-flat-button (click)="accept(p.version)">
                    {{ 'policy.accept' | t }}
                  </button>
                }
              </mat-card-content>
            </mat-card>
          }
        </ng-template>
      </ctx-async-state>
    </section>
  `,
  styles: `
    .policy-text {
      white-space: pre-wrap;
      max-width: 75ch;
      margin: 16px 0;
      line-height: 1.6;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Policy {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  private readonly ref = httpResource<CurrentPolicy>(() => api('/privacy/policy/current'));
  protected readonly policy = viewOf(this.ref, this.i18n);

  protected readonly text = computed(() => {
    const p = this.policy.data();
    const lang = this.i18n.language();
    const own = p?.texts[lang];
    if (own) return { lang, body: own, fallback: false };
    const auth = p?.authoritativeLanguage ?? 'en';
    return { lang: auth, body: p?.texts[auth] ?? '', fallback: true };
  });

  protected async accept(version: number): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.post('/privacy/policy/acceptances', { version }),
      this.i18n.t('common.saved'),
    );
    if (ok) this.policy.reload();
  }
}
