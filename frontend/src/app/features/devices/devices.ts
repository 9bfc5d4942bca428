import { httpResource } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTabGroup, MatTab } from '@angular/material/tabs';
import type {
  AgentDownload,
  Device,
  EnrollmentToken,
  EnrollmentTokenCreated,
  Page,
  Employee,
} from '@app/api/models';
import { Api, api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { Pager } from '@app/shared/ui/pager';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

@Component({
  selector: 'ctx-devices',
  imports: [
    MatTabGroup,
    MatTab,
    TABLE_PARTS,
    MatButton,
    MatIcon,
    FIELD_PARTS,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  templateUrl: './devices.html',
  styles: `
    .domain {
      width: min(360px, 100%);
      margin: 8px 0 16px;
    }
    .install h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 4px;
    }
    .downloads {
      border-collapse: collapse;
      width: 100%;
    }
    .downloads th,
    .downloads td {
      text-align: left;
      padding: 4px 12px 4px 0;
      vertical-align: top;
    }
    .downloads .num {
      text-align: right;
    }
    pre.wrap {
      white-space: pre-wrap;
      word-break: break-all;
    }
    .sha {
      font-size: 12px;
      word-break: break-all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Devices {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly serverUrl = inject(DOCUMENT).location.origin;

  protected readonly created = signal<EnrollmentTokenCreated | null>(null);
  protected readonly pager = new Pager(25);

  private readonly tokensRef = httpResource<{ items: EnrollmentToken[] }>(() =>
    api('/agent/enrollment-tokens'),
  );
  private readonly devicesRef = httpResource<Page<Device>>(() => ({
    url: api('/agent/devices'),
    params: query(this.pager.params()),
  }));
  private readonly employeesRef = httpResource<Page<Employee>>(() => ({
    url: api('/employees'),
    params: { pageSize: 200 },
  }));

  private readonly downloadsRef = httpResource<{ items: AgentDownload[] }>(() =>
    api('/agent/downloads'),
  );

  protected readonly tokens = viewOf(this.tokensRef, this.i18n);
  protected readonly downloads = viewOf(this.downloadsRef, this.i18n);
  protected readonly downloadItems = computed(() =>
    this.downloadsRef.hasValue() ? (this.downloadsRef.value()?.items ?? []) : [],
  );
  protected readonly windowsInstaller = computed(() =>
    this.downloadItems().find((d) => d.platform === 'windows'),
  );
  protected readonly macInstaller = computed(() =>
    this.downloadItems().find((d) => d.platform === 'macos'),
  );
  protected readonly devices = viewOf(this.devicesRef, this.i18n);
  protected readonly employeeNames = computed(
    () =>
      new Map(
        ((this.employeesRef.hasValue() ? this.employeesRef.value()?.items : []) ?? []).map((e) => [
          e.id,
          e.fullName,
        ]),
      ),
  );
  protected readonly tokenColumns = ['prefix', 'status', 'uses', 'expiresAt'];
  protected readonly deviceColumns = [
    'hostname',
    'employee',
    'os',
    'agentVersion',
    'lastSeenAt',
    'status',
  ];

  /** Product names, the same in every language; only "Linux package" is translated. */
  protected readonly platformNames: Record<string, string> = {
    'linux-x64': 'Linux x86-64',
    'linux-arm64': 'Linux ARM64',
    windows: 'Windows',
    macos: 'macOS',
  };

  protected readonly shownToken = computed(() => this.created()?.token ?? '<ENROLLMENT_TOKEN>');
  protected readonly domain = signal('corp.example');
  /** Run by each employee in their session: installs for them, no root needed. */
  protected readonly linuxCommand = computed(
    () =>
      `curl -fsSL ${this.serverUrl}/api/v1/agent/install.sh | sh -s -- --token ${this.shownToken()} --email-domain ${this.domain()}`,
  );
  protected readonly provisioning = computed(() =>
    JSON.stringify({
      serverUrl: this.serverUrl,
      enrollmentToken: this.shownToken(),
      emailDomain: this.domain(),
    }),
  );

  protected async createToken(): Promise<void> {
    await this.ui.form({
      title: this.i18n.t('devices.newToken'),
      submitLabel: this.i18n.t('common.create'),
      fields: [
        {
          name: 'expiresInHours',
          label: this.i18n.t('devices.expiresInHours'),
          type: 'number',
          value: 72,
        },
        { name: 'maxUses', label: this.i18n.t('devices.maxUses'), type: 'number' },
      ],
      submit: async (v) => {
        const body: Record<string, number> = {};
        if (v['expiresInHours']) body['expiresInHours'] = Number(v['expiresInHours']);
        if (v['maxUses']) body['maxUses'] = Number(v['maxUses']);
        this.created.set(
          await this.api.post<EnrollmentTokenCreated>('/agent/enrollment-tokens', body),
        );
      },
    });
    this.tokens.reload();
  }

  protected async revokeToken(token: EnrollmentToken): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.post(`/agent/enrollment-tokens/${token.id}/revoke`),
      this.i18n.t('common.revoked'),
    );
    if (ok) this.tokens.reload();
  }

  protected async revokeDevice(device: Device): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('devices.confirmRevoke', { name: device.hostname }))) return;
    const ok = await this.ui.run(
      () => this.api.post(`/agent/devices/${device.id}/revoke`),
      this.i18n.t('common.revoked'),
    );
    if (ok) this.devices.reload();
  }
}
