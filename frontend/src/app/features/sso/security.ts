import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  browserSupportsWebAuthn,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/browser';
import { Api } from '@app/core/http/api';
import { describeError } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

interface Overview {
  totpEnabled: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
  required: boolean;
  enrollmentPending: boolean;
}
interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The user's own second factors: authenticator app, passkeys, recovery codes (shown once). */
@Component({
  selector: 'ctx-security',
  imports: [FormsModule, MatButton, CARD_PARTS, FIELD_PARTS, TranslatePipe],
  template: `
    <h1>{{ 'sso.securityTitle' | t }}</h1>
    @if (overview()?.enrollmentPending) {
      <p class="warn" role="alert" data-testid="mfa-enrollment-required">
        {{ 'sso.enrollmentRequired' | t }}
      </p>
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <mat-card>
      <mat-card-header
        ><mat-card-title>{{ 'sso.totpTitle' | t }}</mat-card-title></mat-card-header
      >
      <mat-card-content>
        @if (overview()?.totpEnabled) {
          <p>{{ 'sso.totpOn' | t }}</p>
        } @else {
          <p>{{ 'sso.totpOff' | t }}</p>
          @if (totp(); as setup) {
            <p>{{ 'sso.totpSecret' | t: { secret: setup.secret } }}</p>
            <p>
              <a [href]="setup.otpauthUri">{{ setup.otpauthUri }}</a>
            </p>
            <form (ngSubmit)="enableTotp()">
              <mat-form-field appearance="outline">
                <mat-label>{{ 'sso.code' | t }}</mat-label>
                <input matInput name="code" [(ngModel)]="code" inputmode="numeric" />
              </mat-form-field>
              <button mat-flat-button type="submit">{{ 'sso.totpEnable' | t }}</button>
            </form>
          } @else {
            <button mat-stroked-button type="button" (click)="startTotp()">
              {{ 'sso.totpStart' | t }}
            </button>
          }
        }
      </mat-card-content>
    </mat-card>

    <mat-card>
      <mat-card-header>
        <mat-card-title>{{ 'sso.passkeysTitle' | t }}</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        @for (p of passkeys(); track p.id) {
          <div class="row">
            <span>{{ p.name }}</span>
            <button mat-button type="button" (click)="removePasskey(p.id)">
              {{ 'sso.passkeyRemove' | t }}
            </button>
          </div>
        } @empty {
          <p>{{ 'sso.passkeysEmpty' | t }}</p>
        }
        @if (webauthn) {
          <form (ngSubmit)="addPasskey()">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'sso.passkeyName' | t }}</mat-label>
              <input matInput name="passkeyName" [(ngModel)]="passkeyName" maxlength="100" />
            </mat-form-field>
            <button mat-stroked-button type="submit">{{ 'sso.passkeyAdd' | t }}</button>
          </form>
        } @else {
          <p>{{ 'sso.passkeyUnsupported' | t }}</p>
        }
      </mat-card-content>
    </mat-card>

    <mat-card>
      <mat-card-header>
        <mat-card-title>{{ 'sso.recoveryTitle' | t }}</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        <p>{{ 'sso.recoveryHint' | t }}</p>
        @if (overview(); as o) {
          <p>{{ 'sso.recoveryLeft' | t: { count: o.recoveryCodesLeft } }}</p>
        }
        @if (codes(); as list) {
          <p class="warn">{{ 'sso.recoveryShownOnce' | t }}</p>
          <ul class="codes" data-testid="recovery-codes">
            @for (c of list; track c) {
              <li>
                <code>{{ c }}</code>
              </li>
            }
          </ul>
        }
        <button mat-stroked-button type="button" (click)="regenerate()">
          {{ 'sso.recoveryGenerate' | t }}
        </button>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    mat-card {
      margin-bottom: 16px;
      max-width: 720px;
    }
    .row {
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    .codes {
      columns: 2;
      font-size: 1.1em;
    }
    .warn {
      color: var(--mat-sys-tertiary);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Security {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly webauthn = browserSupportsWebAuthn();
  protected readonly overview = signal<Overview | null>(null);
  protected readonly passkeys = signal<Passkey[]>([]);
  protected readonly codes = signal<string[] | null>(null);
  protected readonly totp = signal<{ secret: string; otpauthUri: string } | null>(null);
  protected readonly error = signal<string | null>(null);
  protected code = '';
  protected passkeyName = '';

  constructor() {
    void this.load();
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(describeError(error, this.i18n));
    }
  }

  protected load(): Promise<void> {
    return this.run(async () => {
      this.overview.set(await this.api.get<Overview>('/me/mfa'));
      this.passkeys.set((await this.api.get<{ items: Passkey[] }>('/me/mfa/passkeys')).items);
    });
  }

  protected startTotp(): Promise<void> {
    return this.run(async () => {
      this.totp.set(await this.api.post('/me/mfa/setup'));
    });
  }

  protected enableTotp(): Promise<void> {
    return this.run(async () => {
      await this.api.post('/me/mfa/enable', { code: this.code.trim() });
      this.totp.set(null);
      this.code = '';
      await this.load();
    });
  }

  protected regenerate(): Promise<void> {
    return this.run(async () => {
      this.codes.set((await this.api.post<{ codes: string[] }>('/me/mfa/recovery-codes')).codes);
      await this.load();
    });
  }

  protected addPasskey(): Promise<void> {
    return this.run(async () => {
      const start = await this.api.post<{
        challengeId: string;
        options: PublicKeyCredentialCreationOptionsJSON;
      }>('/me/mfa/passkeys/options');
      const response = await startRegistration({ optionsJSON: start.options });
      await this.api.post('/me/mfa/passkeys', {
        challengeId: start.challengeId,
        name: this.passkeyName.trim() || 'Passkey',
        response,
      });
      this.passkeyName = '';
      await this.load();
    });
  }

  protected removePasskey(id: string): Promise<void> {
    return this.run(async () => {
      await this.api.delete(`/me/mfa/passkeys/${id}`);
      await this.load();
    });
  }
}
