import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { eventLabel, WEBHOOK_EVENTS, type WebhookView } from './webhook-events';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { DIALOG_PARTS } from '@app/shared/ui/parts/dialog';

export interface WebhookForm {
  url: string;
  description: string;
  events: string[];
  active: boolean;
}

export interface WebhookDialogData {
  webhook: WebhookView | null;
  /** Sends the form; a thrown error is shown in the dialog and keeps it open. */
  submit: (value: WebhookForm) => Promise<unknown>;
}

/** Creates or edits one webhook: URL, description, events, active. */
@Component({
  selector: 'ctx-webhook-dialog',
  imports: [
    ReactiveFormsModule,
    DIALOG_PARTS,
    MatButton,
    MatCheckbox,
    FIELD_PARTS,
    MatSlideToggle,
    TranslatePipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ (data.webhook ? 'webhooks.edit' : 'webhooks.new') | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        @if (invalid() ?? request.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'webhooks.url' | t }}</mat-label>
          <input matInput type="url" formControlName="url" maxlength="2048" />
          <mat-hint>{{ 'webhooks.urlHint' | t }}</mat-hint>
          @if (form.controls.url.errors) {
            <mat-error>{{ 'common.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'webhooks.description' | t }}</mat-label>
          <input matInput formControlName="description" maxlength="200" />
        </mat-form-field>
        <fieldset>
          <legend>{{ 'webhooks.events' | t }}</legend>
          @for (event of events; track event) {
            <mat-checkbox
              [checked]="chosen().includes(event)"
              (change)="toggle(event, $event.checked)"
              [attr.data-event]="event"
            >
              {{ label(event) }} <code>{{ event }}</code>
            </mat-checkbox>
          }
        </fieldset>
        <mat-slide-toggle formControlName="active">{{ 'webhooks.active' | t }}</mat-slide-toggle>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="request.busy()">
          {{ (data.webhook ? 'common.save' : 'common.create') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
    mat-dialog-content {
      min-width: min(480px, 80vw);
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    fieldset {
      border: none;
      padding: 0;
      margin: 8px 0;
      display: flex;
      flex-direction: column;
    }
    legend {
      font: var(--mat-sys-title-small);
    }
    code {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.85em;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WebhookDialog {
  protected readonly data = inject<WebhookDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<WebhookDialog, boolean>);
  private readonly i18n = inject(I18n);
  protected readonly events = WEBHOOK_EVENTS;
  protected readonly request = formRequest();
  protected readonly invalid = signal<string | null>(null);
  protected readonly chosen = signal<string[]>([...(this.data.webhook?.events ?? [])]);
  protected readonly form = new FormGroup({
    url: new FormControl(this.data.webhook?.url ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(2048)],
    }),
    description: new FormControl(this.data.webhook?.description ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(200)],
    }),
    active: new FormControl(this.data.webhook?.active ?? true, { nonNullable: true }),
  });

  protected label(event: string): string {
    const key = eventLabel(event);
    return key ? this.i18n.t(key) : event;
  }

  protected toggle(event: string, on: boolean): void {
    this.chosen.update((list) =>
      on ? [...list.filter((e) => e !== event), event] : list.filter((e) => e !== event),
    );
  }

  protected save(): Promise<void> {
    this.invalid.set(
      this.form.valid && this.chosen().length === 0 ? this.i18n.t('webhooks.eventsRequired') : null,
    );
    if (this.invalid()) return Promise.resolve();
    return this.request.send(this.form, async () => {
      const value = this.form.getRawValue();
      // Sent in the console's order, whatever the order of the clicks.
      const events = WEBHOOK_EVENTS.filter((e) => this.chosen().includes(e));
      await this.data.submit({ ...value, url: value.url.trim(), events });
      this.ref.close(true);
    });
  }
}
