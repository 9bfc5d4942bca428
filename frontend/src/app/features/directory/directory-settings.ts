import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import {
  type FormArray,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type FormGroup,
  type FormControl,
} from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { components } from '@app/api/schema';
import { Api, api } from '@app/core/http/api';
import { describeError } from '@app/core/http/problem';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

type Schemas = components['schemas'];
export type DirectoryConfig = Schemas['DirectoryConfigDto'];
export type TestResult = Schemas['TestConnectionResultDto'];
export type SyncRun = Schemas['SyncRunDto'];
interface SyncRunPage {
  items: SyncRun[];
  total: number;
}
interface Team {
  id: string;
  name: string;
}

export const DIRECTORY_ROLES = ['admin', 'hr', 'manager', 'employee'] as const;
export const LOGIN_ATTRIBUTES = ['uid', 'sAMAccountName', 'userPrincipalName', 'mail'] as const;
type DirectoryRole = (typeof DIRECTORY_ROLES)[number];

type RoleRow = FormGroup<{ group: FormControl<string>; role: FormControl<DirectoryRole> }>;
type TeamRow = FormGroup<{ group: FormControl<string>; teamId: FormControl<string> }>;

/** LDAP / Active Directory settings of the organization: form, test connection, sync. */
@Component({
  selector: 'ctx-directory-settings',
  imports: [
    ReactiveFormsModule,
    CARD_PARTS,
    MatButton,
    MatIconButton,
    FIELD_PARTS,
    MatIcon,
    MatSelect,
    MatOption,
    MatSlideToggle,
    TranslatePipe,
    AsyncState,
    WhenReady,
  ],
  templateUrl: './directory-settings.html',
  styles: `
    mat-card {
      margin-bottom: 16px;
    }
    mat-card-content {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-start;
    }
    mat-form-field {
      width: min(520px, 100%);
    }
    .row {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
    }
    .row mat-form-field {
      width: min(360px, 100%);
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    .notice {
      margin: 0;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-secondary-container);
    }
    .error {
      color: var(--mat-sys-error);
    }
    ul {
      margin: 0;
      padding-left: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DirectorySettings {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly roles = DIRECTORY_ROLES;
  protected readonly loginAttributes = LOGIN_ATTRIBUTES;

  private readonly configRef = httpResource<DirectoryConfig>(() => api('/directory/config'));
  private readonly runsRef = httpResource<SyncRunPage>(() => ({
    url: api('/directory/sync-runs'),
    params: { pageSize: 5 },
  }));
  private readonly teamsRef = httpResource<{ items: Team[] }>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  protected readonly config = viewOf(this.configRef, this.i18n);
  protected readonly runs = viewOf(this.runsRef, this.i18n);
  protected readonly teams = computed(() =>
    this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [],
  );
  protected readonly managedByIt = computed(() => this.config.data()?.source === 'environment');
  protected readonly configured = computed(() => this.config.data()?.configured === true);

  protected readonly testResult = signal<TestResult | null>(null);
  protected readonly testing = signal(false);
  protected readonly saving = signal(false);
  protected readonly syncing = signal(false);
  protected readonly saveError = signal<string | null>(null);

  protected readonly form = this.fb.group({
    enabled: [false],
    url: ['', [Validators.required, Validators.pattern(/^ldaps?:\/\/\S+$/i)]],
    startTls: [false],
    tlsCaPem: [''],
    bindMode: this.fb.control<'search' | 'direct'>('search'),
    bindDn: [''],
    bindPassword: [''],
    bindDnTemplate: [''],
    baseDn: ['', Validators.required],
    userFilter: ['(objectClass=person)', Validators.required],
    loginAttribute: this.fb.control<(typeof LOGIN_ATTRIBUTES)[number]>('uid'),
    emailAttribute: ['mail', Validators.required],
    firstNameAttribute: ['givenName', Validators.required],
    lastNameAttribute: ['sn', Validators.required],
    groupBaseDn: [''],
    groupFilter: ['(|(objectClass=groupOfNames)(objectClass=group))', Validators.required],
    groupMemberAttribute: ['member', Validators.required],
    roleMappings: this.fb.array<RoleRow>([]),
    teamMappings: this.fb.array<TeamRow>([]),
    defaultRole: this.fb.control<DirectoryRole | ''>(''),
    createEmployees: [true],
    syncEnabled: [false],
    syncIntervalMinutes: [60, [Validators.required, Validators.min(5), Validators.max(10080)]],
  });
  protected readonly testLogin = this.fb.group({ login: [''], password: [''] });

  constructor() {
    effect(() => {
      const c = this.config.data();
      if (!c) return;
      this.form.controls.roleMappings.clear();
      for (const m of c.roleMappings ?? []) this.addRoleMapping(m.group, m.role);
      this.form.controls.teamMappings.clear();
      for (const m of c.teamMappings ?? []) this.addTeamMapping(m.group, m.teamId);
      this.form.patchValue({
        enabled: c.enabled,
        url: c.url,
        startTls: c.startTls ?? false,
        tlsCaPem: c.tlsCaPem ?? '',
        bindMode: c.bindMode ?? 'search',
        bindDn: c.bindDn ?? '',
        bindPassword: '',
        bindDnTemplate: c.bindDnTemplate ?? '',
        baseDn: c.baseDn,
        userFilter: c.userFilter ?? '(objectClass=person)',
        loginAttribute: c.loginAttribute ?? 'uid',
        emailAttribute: c.emailAttribute ?? 'mail',
        firstNameAttribute: c.firstNameAttribute ?? 'givenName',
        lastNameAttribute: c.lastNameAttribute ?? 'sn',
        groupBaseDn: c.groupBaseDn ?? '',
        groupFilter: c.groupFilter ?? '(|(objectClass=groupOfNames)(objectClass=group))',
        groupMemberAttribute: c.groupMemberAttribute ?? 'member',
        defaultRole: c.defaultRole ?? '',
        createEmployees: c.createEmployees ?? true,
        syncEnabled: c.syncEnabled ?? false,
        syncIntervalMinutes: c.syncIntervalMinutes ?? 60,
      });
      if (c.source === 'environment') this.form.disable();
      else this.form.enable();
    });
  }

  protected addRoleMapping(group = '', role: DirectoryRole = 'employee'): void {
    this.form.controls.roleMappings.push(
      this.fb.group({ group: [group, Validators.required], role: this.fb.control(role) }),
    );
  }

  protected addTeamMapping(group = '', teamId = ''): void {
    this.form.controls.teamMappings.push(
      this.fb.group({ group: [group, Validators.required], teamId: [teamId, Validators.required] }),
    );
  }

  protected removeAt(list: FormArray, index: number): void {
    list.removeAt(index);
  }

  /** The body of PUT /directory/config; an empty password field keeps the stored one. */
  protected body(): Record<string, unknown> {
    const v = this.form.getRawValue();
    const orNull = (s: string) => (s.trim() ? s.trim() : null);
    return {
      enabled: v.enabled,
      url: v.url.trim(),
      startTls: v.startTls,
      tlsCaPem: orNull(v.tlsCaPem),
      bindMode: v.bindMode,
      bindDn: orNull(v.bindDn),
      ...(v.bindPassword ? { bindPassword: v.bindPassword } : {}),
      bindDnTemplate: v.bindMode === 'direct' ? orNull(v.bindDnTemplate) : null,
      baseDn: v.baseDn.trim(),
      userFilter: v.userFilter.trim(),
      loginAttribute: v.loginAttribute,
      emailAttribute: v.emailAttribute.trim(),
      firstNameAttribute: v.firstNameAttribute.trim(),
      lastNameAttribute: v.lastNameAttribute.trim(),
      groupBaseDn: orNull(v.groupBaseDn),
      groupFilter: v.groupFilter.trim(),
      groupMemberAttribute: v.groupMemberAttribute.trim(),
      roleMappings: v.roleMappings.map((m) => ({ group: m.group.trim(), role: m.role })),
      teamMappings: v.teamMappings.map((m) => ({ group: m.group.trim(), teamId: m.teamId })),
      defaultRole: v.defaultRole || null,
      createEmployees: v.createEmployees,
      syncEnabled: v.syncEnabled,
      syncIntervalMinutes: Number(v.syncIntervalMinutes),
    };
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    try {
      await this.api.put('/directory/config', this.body());
      this.ui.notify(this.i18n.t('directory.saved'));
      this.config.reload();
    } catch (error) {
      this.saveError.set(describeError(error, this.i18n));
    } finally {
      this.saving.set(false);
    }
  }

  protected async test(): Promise<void> {
    const { login, password } = this.testLogin.getRawValue();
    this.testing.set(true);
    try {
      const result = await this.api.post<TestResult>(
        '/directory/test',
        login.trim() ? { login: login.trim(), password } : {},
      );
      this.testResult.set(result);
    } catch (error) {
      this.ui.notify(describeError(error, this.i18n));
    } finally {
      this.testing.set(false);
    }
  }

  protected async runSync(): Promise<void> {
    this.syncing.set(true);
    const ok = await this.ui.run(
      () => this.api.post('/directory/sync-runs', {}),
      this.i18n.t('directory.syncQueued'),
    );
    this.syncing.set(false);
    if (ok) this.runs.reload();
  }

  protected refreshRuns(): void {
    this.runs.reload();
  }

  protected teamName(id: string): string {
    return this.teams().find((t) => t.id === id)?.name ?? id;
  }
}
