import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggleGroup, MatButtonToggle } from '@angular/material/button-toggle';
import { MatIcon } from '@angular/material/icon';
import { MatSelect, MatOption } from '@angular/material/select';
import type {
  Page,
  Productivity,
  ProductivityRule,
  Team,
  UsageReport,
  UsageRow,
} from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { addDays, isoDay } from '@app/shared/data/dates';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { ruleClassifies } from './rule-match';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { CARD_PARTS } from '@app/shared/ui/parts/card';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

const CLASSES: Productivity[] = ['productive', 'neutral', 'unproductive'];

@Component({
  selector: 'ctx-rules',
  imports: [
    TABLE_PARTS,
    MatButton,
    MatIconButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    CARD_PARTS,
    MatIcon,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  templateUrl: './rules.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Rules {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly canManage = inject(Auth).can('manageRules');
  protected readonly classes = CLASSES;
  protected readonly kind = signal<'' | 'app' | 'site'>('');

  private readonly rulesRef = httpResource<{ items: ProductivityRule[] }>(() => ({
    url: api('/productivity-rules'),
    params: query({ kind: this.kind() }),
  }));
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  // The last 30 days' busiest names that no rule classifies yet: the likeliest ones to set.
  private readonly usageRef = httpResource<UsageReport>(() => ({
    url: api('/reports/usage'),
    params: { from: isoDay(addDays(new Date(), -29)), to: isoDay(new Date()) },
  }));

  protected readonly rules = viewOf(this.rulesRef, this.i18n);
  protected readonly teamNames = computed(
    () =>
      new Map(
        ((this.teamsRef.hasValue() ? this.teamsRef.value()?.items : []) ?? []).map((t) => [
          t.id,
          t.name,
        ]),
      ),
  );
  protected readonly suggestions = computed(() => {
    if (!this.usageRef.hasValue()) return [];
    // Organization-wide rules only: a team's rule leaves the name unclassified for everyone else.
    const rules = (this.rules.data()?.items ?? []).filter((r) => !r.teamId);
    const kind = this.kind();
    return (this.usageRef.value()?.rows ?? [])
      .filter((row) => !kind || row.kind === kind)
      .filter((row) => !rules.some((rule) => ruleClassifies(rule, row.kind, row.name)))
      .slice(0, 6);
  });
  protected readonly columns = ['kind', 'pattern', 'productivity', 'scope'];

  protected async addRule(preset?: UsageRow): Promise<void> {
    const teams = this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [];
    const saved = await this.ui.form({
      title: this.i18n.t('rules.add'),
      submitLabel: this.i18n.t('common.create'),
      fields: [
        {
          name: 'kind',
          label: this.i18n.t('rules.kind'),
          type: 'select',
          required: true,
          value: preset?.kind ?? 'app',
          options: [
            { value: 'app', label: this.i18n.t('rules.app') },
            { value: 'site', label: this.i18n.t('rules.site') },
          ],
        },
        {
          name: 'pattern',
          label: this.i18n.t('rules.pattern'),
          required: true,
          maxLength: 255,
          value: preset?.name,
          hint: this.i18n.t('rules.patternHint'),
        },
        {
          name: 'productivity',
          label: this.i18n.t('rules.class'),
          type: 'select',
          required: true,
          value: 'productive',
          options: CLASSES.map((c) => ({ value: c, label: this.i18n.t(`productivity.${c}`) })),
        },
        {
          name: 'teamId',
          label: this.i18n.t('rules.scope'),
          type: 'select',
          value: '',
          options: [
            { value: '', label: this.i18n.t('rules.organization') },
            ...teams.map((t) => ({ value: t.id, label: t.name })),
          ],
        },
      ],
      submit: (v) =>
        this.api.post('/productivity-rules', {
          kind: v['kind'],
          pattern: v['pattern'],
          productivity: v['productivity'],
          ...(v['teamId'] ? { teamId: v['teamId'] } : {}),
        }),
    });
    if (saved) this.rules.reload();
  }

  protected async quickClassify(row: UsageRow, productivity: Productivity): Promise<void> {
    const ok = await this.ui.run(
      () =>
        this.api.post('/productivity-rules', { kind: row.kind, pattern: row.name, productivity }),
      this.i18n.t('common.saved'),
    );
    if (ok) this.rules.reload();
  }

  protected async setClass(rule: ProductivityRule, productivity: Productivity): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.patch(`/productivity-rules/${rule.id}`, { productivity }),
      this.i18n.t('common.saved'),
    );
    if (ok) this.rules.reload();
  }

  protected async remove(rule: ProductivityRule): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.delete(`/productivity-rules/${rule.id}`),
      this.i18n.t('common.deleted'),
    );
    if (ok) this.rules.reload();
  }
}
