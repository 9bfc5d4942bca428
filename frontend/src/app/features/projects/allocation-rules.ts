import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Page, Team } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import type { AllocationRule, Project } from './projects.models';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';

/** Rules that allocate tracked activity to projects, by application, site or window title. */
@Component({
  selector: 'ctx-allocation-rules',
  imports: [
    TABLE_PARTS,
    MatButton,
    MatIconButton,
    MatIcon,
    RouterLink,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ 'projects.rulesTitle' | t }}</h1>
        <div class="filters">
          <a mat-button routerLink="/projects"
            ><mat-icon>arrow_back</mat-icon>{{ 'projects.title' | t }}</a
          >
          @if (canManage) {
            <button mat-flat-button (click)="add()" data-testid="add-rule">
              <mat-icon>add</mat-icon>{{ 'projects.newRule' | t }}
            </button>
          }
        </div>
      </header>
      <p class="muted intro">{{ 'projects.rulesIntro' | t }}</p>
      <ctx-data-table
        [view]="rules"
        [rows]="rules.data()?.items ?? []"
        [columns]="columns"
        [emptyText]="'projects.noRules' | t"
        emptyIcon="rule"
        testId="rule-table"
      >
        <ng-container matColumnDef="kind">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.ruleKind' | t }}</th>
          <td mat-cell *matCellDef="let r">{{ kindLabel(r.kind) }}</td>
        </ng-container>
        <ng-container matColumnDef="pattern">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.pattern' | t }}</th>
          <td mat-cell *matCellDef="let r">
            <code>{{ r.pattern }}</code>
          </td>
        </ng-container>
        <ng-container matColumnDef="project">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.project' | t }}</th>
          <td mat-cell *matCellDef="let r">{{ projectName(r.projectId) }}</td>
        </ng-container>
        <ng-container matColumnDef="scope">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.scope' | t }}</th>
          <td mat-cell *matCellDef="let r">{{ teamName(r.teamId) }}</td>
        </ng-container>
        <ng-template ctxRowActions let-r>
          @if (canManage) {
            <button
              mat-icon-button
              (click)="remove(r)"
              [attr.aria-label]="'common.deleteName' | t: { name: r.pattern }"
            >
              <mat-icon>delete</mat-icon>
            </button>
          }
        </ng-template>
      </ctx-data-table>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AllocationRules {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  protected readonly i18n = inject(I18n);
  protected readonly canManage = inject(Auth).can('managePeople');
  private readonly rulesRef = httpResource<{ items: AllocationRule[] }>(() =>
    api('/allocation-rules'),
  );
  private readonly projectsRef = httpResource<{ items: Project[] }>(() => api('/projects'));
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  protected readonly rules = viewOf(this.rulesRef, this.i18n);
  private readonly projects = computed(() =>
    this.projectsRef.hasValue() ? (this.projectsRef.value()?.items ?? []) : [],
  );
  private readonly teams = computed(() =>
    this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [],
  );
  protected readonly columns = ['kind', 'pattern', 'project', 'scope'];

  protected kindLabel(kind: string): string {
    return this.i18n.t(
      kind === 'app'
        ? 'projects.kindApp'
        : kind === 'site'
          ? 'projects.kindSite'
          : 'projects.kindTitle',
    );
  }

  protected projectName(id: string): string {
    return this.projects().find((p) => p.id === id)?.name ?? '—';
  }

  protected teamName(id: string | null): string {
    if (!id) return this.i18n.t('projects.organization');
    return this.teams().find((t) => t.id === id)?.name ?? '—';
  }

  protected async add(): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('projects.newRule'),
      submitLabel: this.i18n.t('common.create'),
      fields: [
        {
          name: 'kind',
          label: this.i18n.t('projects.ruleKind'),
          type: 'select',
          required: true,
          value: 'title',
          options: [
            { value: 'title', label: this.i18n.t('projects.kindTitle') },
            { value: 'site', label: this.i18n.t('projects.kindSite') },
            { value: 'app', label: this.i18n.t('projects.kindApp') },
          ],
        },
        {
          name: 'pattern',
          label: this.i18n.t('projects.pattern'),
          required: true,
          maxLength: 255,
          hint: this.i18n.t('projects.patternHint'),
        },
        {
          name: 'projectId',
          label: this.i18n.t('projects.project'),
          type: 'select',
          required: true,
          options: this.projects()
            .filter((p) => !p.archived)
            .map((p) => ({ value: p.id, label: p.name })),
        },
        {
          name: 'teamId',
          label: this.i18n.t('projects.scope'),
          type: 'select',
          value: '',
          options: [
            { value: '', label: this.i18n.t('projects.organization') },
            ...this.teams().map((t) => ({ value: t.id, label: t.name })),
          ],
        },
      ],
      submit: (v) =>
        this.api.post('/allocation-rules', {
          kind: v['kind'],
          pattern: v['pattern']?.trim(),
          projectId: v['projectId'],
          ...(v['teamId'] ? { teamId: v['teamId'] } : {}),
        }),
    });
    if (saved) this.rules.reload();
  }

  protected async remove(r: AllocationRule): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('projects.confirmDeleteRule', { pattern: r.pattern }))) return;
    const ok = await this.ui.run(
      () => this.api.delete(`/allocation-rules/${r.id}`),
      this.i18n.t('common.deleted'),
    );
    if (ok) this.rules.reload();
  }
}
