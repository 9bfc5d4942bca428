import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatChip, MatChipSet } from '@angular/material/chips';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Employee, Page, Team } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { isProblem } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import type { Client, Member, Project, Task } from './projects.models';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';

/** Clients, projects, their tasks and members; archive instead of delete once time was booked. */
@Component({
  selector: 'ctx-projects',
  imports: [
    TABLE_PARTS,
    MatButton,
    MatIconButton,
    MatIcon,
    MatChip,
    MatChipSet,
    RouterLink,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  templateUrl: './projects.html',
  styles: `
    .links {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      margin-bottom: 16px;
    }
    .detail {
      margin-top: 24px;
      display: grid;
      gap: 24px;
      grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
    }
    .detail ul {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .detail li {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 4px 0;
    }
    .archived {
      opacity: 0.6;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Projects {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  protected readonly i18n = inject(I18n);
  protected readonly canManage = inject(Auth).can('managePeople');

  private readonly projectsRef = httpResource<{ items: Project[] }>(() => api('/projects'));
  private readonly clientsRef = httpResource<{ items: Client[] }>(() => api('/clients'));
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  private readonly employeesRef = httpResource<Page<Employee>>(() => ({
    url: api('/employees'),
    params: { pageSize: 200 },
  }));
  protected readonly projects = viewOf(this.projectsRef, this.i18n);
  protected readonly clients = computed(() =>
    this.clientsRef.hasValue() ? (this.clientsRef.value()?.items ?? []) : [],
  );
  private readonly teams = computed(() =>
    this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [],
  );
  private readonly employees = computed(() =>
    this.employeesRef.hasValue() ? (this.employeesRef.value()?.items ?? []) : [],
  );
  protected readonly columns = ['name', 'client', 'billable', 'rate', 'budget', 'status'];

  protected readonly selected = signal<Project | null>(null);
  private readonly tasksRef = httpResource<{ items: Task[] }>(() => {
    const p = this.selected();
    return p ? api(`/projects/${p.id}/tasks`) : undefined;
  });
  private readonly membersRef = httpResource<{ items: Member[] }>(() => {
    const p = this.selected();
    return p ? api(`/projects/${p.id}/members`) : undefined;
  });
  protected readonly tasks = computed(() =>
    this.tasksRef.hasValue() ? (this.tasksRef.value()?.items ?? []) : [],
  );
  protected readonly members = computed(() =>
    this.membersRef.hasValue() ? (this.membersRef.value()?.items ?? []) : [],
  );

  protected clientName(id: string | null): string {
    if (!id) return '—';
    return this.clients().find((c) => c.id === id)?.name ?? '—';
  }

  protected memberName(m: Member): string {
    if (m.teamId) return this.teams().find((t) => t.id === m.teamId)?.name ?? m.teamId;
    return this.employees().find((e) => e.id === m.employeeId)?.fullName ?? m.employeeId ?? '';
  }

  protected async addClient(): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('projects.newClient'),
      submitLabel: this.i18n.t('common.create'),
      fields: [
        { name: 'name', label: this.i18n.t('projects.clientName'), required: true, maxLength: 200 },
        { name: 'domain', label: this.i18n.t('projects.clientDomain'), maxLength: 255 },
      ],
      submit: (v) =>
        this.api.post('/clients', {
          name: v['name']?.trim(),
          ...(v['domain']?.trim() ? { domain: v['domain'].trim() } : {}),
        }),
    });
    if (saved) this.clientsRef.reload();
  }

  protected async addProject(): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('projects.newProject'),
      submitLabel: this.i18n.t('common.create'),
      fields: [
        { name: 'name', label: this.i18n.t('projects.name'), required: true, maxLength: 200 },
        {
          name: 'clientId',
          label: this.i18n.t('projects.client'),
          type: 'select',
          options: [
            { value: '', label: this.i18n.t('projects.noClient') },
            ...this.clients()
              .filter((c) => !c.archived)
              .map((c) => ({ value: c.id, label: c.name })),
          ],
          value: '',
        },
        {
          name: 'billable',
          label: this.i18n.t('projects.billable'),
          type: 'select',
          options: [
            { value: 'true', label: this.i18n.t('projects.yes') },
            { value: 'false', label: this.i18n.t('projects.no') },
          ],
          value: 'true',
        },
        { name: 'hourlyRate', label: this.i18n.t('projects.hourlyRate'), type: 'number' },
        { name: 'budgetHours', label: this.i18n.t('projects.budgetHours'), type: 'number' },
      ],
      submit: (v) =>
        this.api.post('/projects', {
          name: v['name']?.trim(),
          billable: v['billable'] !== 'false',
          ...(v['clientId'] ? { clientId: v['clientId'] } : {}),
          ...(v['hourlyRate'] !== '' && v['hourlyRate'] != null
            ? { hourlyRate: Number(v['hourlyRate']) }
            : {}),
          ...(v['budgetHours'] !== '' && v['budgetHours'] != null
            ? { budgetHours: Number(v['budgetHours']) }
            : {}),
        }),
    });
    if (saved) this.projects.reload();
  }

  protected async setArchived(p: Project, archived: boolean): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.patch(`/projects/${p.id}`, { archived }),
      this.i18n.t(archived ? 'projects.archivedDone' : 'projects.restoredDone'),
    );
    if (ok) this.projects.reload();
  }

  protected async remove(p: Project): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('projects.confirmDelete', { name: p.name }))) return;
    try {
      await this.api.delete(`/projects/${p.id}`);
      this.ui.notify(this.i18n.t('common.deleted'));
      if (this.selected()?.id === p.id) this.selected.set(null);
      this.projects.reload();
    } catch (error) {
      this.ui.notify(
        isProblem(error, 'project-has-time')
          ? this.i18n.t('projects.hasTime')
          : this.i18n.t('projects.deleteFailed'),
      );
    }
  }

  protected async addTask(): Promise<void> {
    const p = this.selected();
    if (!p) return;
    const saved = await this.ui.form({
      title: this.i18n.t('projects.newTask'),
      submitLabel: this.i18n.t('common.create'),
      fields: [
        { name: 'name', label: this.i18n.t('projects.taskName'), required: true, maxLength: 200 },
      ],
      submit: (v) => this.api.post(`/projects/${p.id}/tasks`, { name: v['name']?.trim() }),
    });
    if (saved) this.tasksRef.reload();
  }

  protected async archiveTask(t: Task): Promise<void> {
    const ok = await this.ui.run(() =>
      this.api.patch(`/projects/${t.projectId}/tasks/${t.id}`, { archived: !t.archived }),
    );
    if (ok) this.tasksRef.reload();
  }

  protected async addMember(): Promise<void> {
    const p = this.selected();
    if (!p) return;
    const saved = await this.ui.form({
      title: this.i18n.t('projects.addMember'),
      submitLabel: this.i18n.t('projects.add'),
      fields: [
        {
          name: 'member',
          label: this.i18n.t('projects.member'),
          type: 'select',
          required: true,
          options: [
            ...this.teams().map((t) => ({
              value: `team:${t.id}`,
              label: `${this.i18n.t('projects.team')}: ${t.name}`,
            })),
            ...this.employees().map((e) => ({ value: `employee:${e.id}`, label: e.fullName })),
          ],
        },
      ],
      submit: (v) => {
        const [kind, id] = (v['member'] ?? '').split(':');
        return this.api.post(
          `/projects/${p.id}/members`,
          kind === 'team' ? { teamId: id } : { employeeId: id },
        );
      },
    });
    if (saved) this.membersRef.reload();
  }

  protected async removeMember(m: Member): Promise<void> {
    const ok = await this.ui.run(() => this.api.delete(`/projects/${m.projectId}/members/${m.id}`));
    if (ok) this.membersRef.reload();
  }
}
