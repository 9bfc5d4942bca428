import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { Api } from '@app/core/http/api';
import { describeError } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

const ROLES = ['owner', 'admin', 'hr', 'manager', 'employee'] as const;
type Role = (typeof ROLES)[number];
type MappedRole = Exclude<Role, 'owner'>;

interface ProviderSettings {
  source: 'console' | 'environment';
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  scopes: string;
  roleClaim: string | null;
  roleMap: { value: string; role: MappedRole }[];
  defaultRole: MappedRole;
  teamClaim: string | null;
  teamMap: { value: string; team: string }[];
  jit: boolean;
  allowedDomains: string[];
  mfaAmr: string[];
  mfaAcr: string[];
  enabled: boolean;
  redirectUri: string;
}

interface Discovery {
  ok: boolean;
  error?: string;
  issuer?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  endSessionEndpoint?: string | null;
  jwksUri?: string;
  idTokenSigningAlgValuesSupported?: string[];
}

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function pairs(text: string): { value: string; target: string }[] | null {
  const out: { value: string; target: string }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const eq = line.indexOf('=');
    if (eq <= 0 || !line.slice(eq + 1).trim()) return null;
    out.push({ value: line.slice(0, eq).trim(), target: line.slice(eq + 1).trim() });
  }
  return out;
}

/** The organization's OpenID Connect provider and MFA policy (owner and admin). */
@Component({
  selector: 'ctx-sso-settings',
  imports: [
    FormsModule,
    MatButton,
    CARD_PARTS,
    MatCheckbox,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    MatSlideToggle,
    TranslatePipe,
  ],
  template: `
    <h1>{{ 'sso.settingsTitle' | t }}</h1>
    <p>{{ 'sso.settingsHint' | t }}</p>
    @if (message(); as m) {
      <p role="status" data-testid="sso-message">{{ m }}</p>
    }
    @if (error(); as e) {
      <p class="error" role="alert">{{ e }}</p>
    }
    <mat-card>
      <mat-card-content>
        @if (!configured()) {
          <p data-testid="sso-empty">{{ 'sso.notConfigured' | t }}</p>
        }
        @if (readOnly()) {
          <p>{{ 'sso.fromEnvironment' | t }}</p>
        }
        @if (redirectUri(); as uri) {
          <p>{{ 'sso.redirectUri' | t: { uri } }}</p>
        }
        <form class="grid" (ngSubmit)="save()">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.displayName' | t }}</mat-label>
            <input
              matInput
              name="displayName"
              [(ngModel)]="f.displayName"
              required
              [disabled]="readOnly()"
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.issuer' | t }}</mat-label>
            <input matInput name="issuer" [(ngModel)]="f.issuer" required [disabled]="readOnly()" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.clientId' | t }}</mat-label>
            <input
              matInput
              name="clientId"
              [(ngModel)]="f.clientId"
              required
              [disabled]="readOnly()"
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.clientSecret' | t }}</mat-label>
            <input
              matInput
              type="password"
              name="clientSecret"
              [(ngModel)]="f.clientSecret"
              autocomplete="off"
              [disabled]="readOnly()"
            />
            @if (secretSet()) {
              <mat-hint>{{ 'sso.clientSecretKeep' | t }}</mat-hint>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.scopes' | t }}</mat-label>
            <input matInput name="scopes" [(ngModel)]="f.scopes" [disabled]="readOnly()" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.roleClaim' | t }}</mat-label>
            <input matInput name="roleClaim" [(ngModel)]="f.roleClaim" [disabled]="readOnly()" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.roleMap' | t }}</mat-label>
            <textarea
              matInput
              name="roleMap"
              rows="3"
              [(ngModel)]="f.roleMap"
              [disabled]="readOnly()"
            ></textarea>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.defaultRole' | t }}</mat-label>
            <mat-select name="defaultRole" [(ngModel)]="f.defaultRole" [disabled]="readOnly()">
              @for (r of mappable; track r) {
                <mat-option [value]="r">{{ 'sso.role_' + r | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.teamClaim' | t }}</mat-label>
            <input matInput name="teamClaim" [(ngModel)]="f.teamClaim" [disabled]="readOnly()" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.teamMap' | t }}</mat-label>
            <textarea
              matInput
              name="teamMap"
              rows="3"
              [(ngModel)]="f.teamMap"
              [disabled]="readOnly()"
            ></textarea>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.allowedDomains' | t }}</mat-label>
            <input
              matInput
              name="allowedDomains"
              [(ngModel)]="f.allowedDomains"
              [disabled]="readOnly()"
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.mfaAmr' | t }}</mat-label>
            <input matInput name="mfaAmr" [(ngModel)]="f.mfaAmr" [disabled]="readOnly()" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'sso.mfaAcr' | t }}</mat-label>
            <input matInput name="mfaAcr" [(ngModel)]="f.mfaAcr" [disabled]="readOnly()" />
          </mat-form-field>
          <mat-slide-toggle name="jit" [(ngModel)]="f.jit" [disabled]="readOnly()">{{
            'sso.jit' | t
          }}</mat-slide-toggle>
          <mat-slide-toggle name="enabled" [(ngModel)]="f.enabled" [disabled]="readOnly()">{{
            'sso.enabled' | t
          }}</mat-slide-toggle>
          <div class="actions">
            @if (!readOnly()) {
              <button mat-flat-button type="submit" data-testid="sso-save">
                {{ 'sso.save' | t }}
              </button>
              @if (configured()) {
                <button mat-button type="button" (click)="remove()">{{ 'sso.remove' | t }}</button>
              }
            }
            <button mat-stroked-button type="button" (click)="test()" data-testid="sso-test">
              {{ 'sso.testDiscovery' | t }}
            </button>
          </div>
        </form>
        @if (discovery(); as d) {
          @if (d.ok) {
            <div data-testid="sso-discovery">
              <p>{{ 'sso.discoveryOk' | t }}</p>
              <dl>
                <dt>issuer</dt>
                <dd>{{ d.issuer }}</dd>
                <dt>authorization_endpoint</dt>
                <dd>{{ d.authorizationEndpoint }}</dd>
                <dt>token_endpoint</dt>
                <dd>{{ d.tokenEndpoint }}</dd>
                <dt>end_session_endpoint</dt>
                <dd>{{ d.endSessionEndpoint ?? '—' }}</dd>
                <dt>jwks_uri</dt>
                <dd>{{ d.jwksUri }}</dd>
                <dt>id_token_signing_alg_values_supported</dt>
                <dd>{{ (d.idTokenSigningAlgValuesSupported ?? []).join(', ') }}</dd>
              </dl>
            </div>
          } @else {
            <p class="error" role="alert">
              {{ 'sso.discoveryFailed' | t: { error: d.error ?? '' } }}
            </p>
          }
        }
      </mat-card-content>
    </mat-card>

    <mat-card>
      <mat-card-header
        ><mat-card-title>{{ 'sso.policyTitle' | t }}</mat-card-title></mat-card-header
      >
      <mat-card-content>
        <p>{{ 'sso.policyHint' | t }}</p>
        @for (r of roles; track r) {
          <mat-checkbox [checked]="policy().includes(r)" (change)="toggleRole(r, $event.checked)">
            {{ 'sso.role_' + r | t }}
          </mat-checkbox>
        }
        <div class="actions">
          <button
            mat-flat-button
            type="button"
            (click)="savePolicy()"
            data-testid="mfa-policy-save"
          >
            {{ 'sso.save' | t }}
          </button>
        </div>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    mat-card {
      margin-bottom: 16px;
      max-width: 880px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
      gap: 0 16px;
    }
    .actions {
      display: flex;
      gap: 8px;
      margin-top: 12px;
      grid-column: 1 / -1;
    }
    dt {
      font-weight: 500;
    }
    dd {
      margin: 0 0 8px;
      word-break: break-all;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SsoSettings {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly roles = ROLES;
  protected readonly mappable: MappedRole[] = ['admin', 'hr', 'manager', 'employee'];
  protected readonly configured = signal(false);
  protected readonly readOnly = signal(false);
  protected readonly secretSet = signal(false);
  protected readonly redirectUri = signal<string | null>(null);
  protected readonly discovery = signal<Discovery | null>(null);
  protected readonly policy = signal<Role[]>([]);
  protected readonly message = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected f = {
    displayName: '',
    issuer: '',
    clientId: '',
    clientSecret: '',
    scopes: 'openid email profile',
    roleClaim: '',
    roleMap: '',
    defaultRole: 'employee' as MappedRole,
    teamClaim: '',
    teamMap: '',
    allowedDomains: '',
    mfaAmr: 'mfa, otp, hwk, swk, sms, fpt, face',
    mfaAcr: '',
    jit: false,
    enabled: true,
  };

  constructor() {
    void this.load();
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.error.set(null);
    this.message.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(describeError(error, this.i18n));
    }
  }

  private async load(): Promise<void> {
    await this.run(async () => {
      this.policy.set(
        (await this.api.get<{ requiredRoles: Role[] }>('/organizations/current/mfa-policy'))
          .requiredRoles,
      );
      try {
        this.fill(await this.api.get<ProviderSettings>('/sso/oidc'));
      } catch (error) {
        if (!(error instanceof HttpErrorResponse && error.status === 404)) throw error;
        this.configured.set(false);
      }
    });
  }

  private fill(s: ProviderSettings): void {
    this.configured.set(true);
    this.readOnly.set(s.source === 'environment');
    this.secretSet.set(s.clientSecretSet);
    this.redirectUri.set(s.redirectUri);
    this.f = {
      displayName: s.displayName,
      issuer: s.issuer,
      clientId: s.clientId,
      clientSecret: '',
      scopes: s.scopes,
      roleClaim: s.roleClaim ?? '',
      roleMap: s.roleMap.map((m) => `${m.value}=${m.role}`).join('\n'),
      defaultRole: s.defaultRole,
      teamClaim: s.teamClaim ?? '',
      teamMap: s.teamMap.map((m) => `${m.value}=${m.team}`).join('\n'),
      allowedDomains: s.allowedDomains.join(', '),
      mfaAmr: s.mfaAmr.join(', '),
      mfaAcr: s.mfaAcr.join(', '),
      jit: s.jit,
      enabled: s.enabled,
    };
  }

  protected save(): Promise<void> {
    return this.run(async () => {
      const roleMap = pairs(this.f.roleMap);
      const teamMap = pairs(this.f.teamMap);
      if (!roleMap || !teamMap) {
        this.error.set(this.i18n.t('sso.badMapping'));
        return;
      }
      const saved = await this.api.put<ProviderSettings>('/sso/oidc', {
        displayName: this.f.displayName.trim(),
        issuer: this.f.issuer.trim(),
        clientId: this.f.clientId.trim(),
        ...(this.f.clientSecret ? { clientSecret: this.f.clientSecret } : {}),
        scopes: this.f.scopes.trim() || 'openid',
        roleClaim: this.f.roleClaim.trim() || null,
        roleMap: roleMap.map((p) => ({ value: p.value, role: p.target })),
        defaultRole: this.f.defaultRole,
        teamClaim: this.f.teamClaim.trim() || null,
        teamMap: teamMap.map((p) => ({ value: p.value, team: p.target })),
        jit: this.f.jit,
        allowedDomains: list(this.f.allowedDomains),
        mfaAmr: list(this.f.mfaAmr),
        mfaAcr: list(this.f.mfaAcr),
        enabled: this.f.enabled,
      });
      this.fill(saved);
      this.message.set(this.i18n.t('sso.saved'));
    });
  }

  protected remove(): Promise<void> {
    return this.run(async () => {
      await this.api.delete('/sso/oidc');
      this.configured.set(false);
      this.redirectUri.set(null);
      this.message.set(this.i18n.t('sso.removed'));
    });
  }

  protected test(): Promise<void> {
    return this.run(async () => {
      const issuer = this.f.issuer.trim();
      this.discovery.set(
        await this.api.post<Discovery>('/sso/oidc/discovery', issuer ? { issuer } : {}),
      );
    });
  }

  protected toggleRole(role: Role, on: boolean): void {
    this.policy.update((roles) => (on ? [...roles, role] : roles.filter((r) => r !== role)));
  }

  protected savePolicy(): Promise<void> {
    return this.run(async () => {
      const res = await this.api.put<{ requiredRoles: Role[] }>(
        '/organizations/current/mfa-policy',
        { requiredRoles: this.policy() },
      );
      this.policy.set(res.requiredRoles);
      this.message.set(this.i18n.t('sso.policySaved'));
    });
  }
}
