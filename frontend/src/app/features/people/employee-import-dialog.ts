import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialogRef } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { EmployeeImportResult, EmployeeImportRow } from '@app/api/models';
import { Api } from '@app/core/http/api';
import { describeError } from '@app/core/http/problem';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { DIALOG_PARTS } from '@app/shared/ui/parts/dialog';

/** Rows shown in the preview table: all errors first, then the others, up to this many. */
const SHOWN_ROWS = 200;

/**
 * Employees from a CSV file: a dry run shows what each row would do (and why a row fails), then
 * the import writes the rows without errors. Closes with true when something was imported.
 */
@Component({
  selector: 'ctx-employee-import-dialog',
  imports: [
    DIALOG_PARTS,
    MatButton,
    FIELD_PARTS,
    MatIcon,
    MatProgressBar,
    TABLE_PARTS,
    TranslatePipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'people.importTitle' | t }}</h2>
    <mat-dialog-content>
      <p class="muted">{{ 'people.importIntro' | t }}</p>
      <pre class="code">name,email,team,timezone,manager_email</pre>
      @if (!done()) {
        <div class="file-row">
          <input
            #file
            type="file"
            accept=".csv,text/csv,text/plain"
            hidden
            (change)="onFile($any($event.target).files?.[0])"
            data-testid="import-file"
          />
          <button mat-stroked-button type="button" (click)="file.click()" [disabled]="busy()">
            <mat-icon>upload_file</mat-icon>{{ 'people.importChooseFile' | t }}
          </button>
          @if (fileName(); as name) {
            <span class="muted">{{ name }}</span>
          }
        </div>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>{{ 'people.importPaste' | t }}</mat-label>
          <textarea
            matInput
            rows="6"
            [value]="csv()"
            (input)="onText($any($event.target).value)"
            data-testid="import-text"
          ></textarea>
        </mat-form-field>
      }
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      @if (result(); as r) {
        <p role="status" data-testid="import-summary">
          {{ (r.dryRun ? 'people.importSummary' : 'people.importDone') | t: counts(r) }}
        </p>
        @if (r.teamsCreated.length > 0) {
          <p class="muted">
            {{ 'people.importTeamsCreated' | t: { names: r.teamsCreated.join(', ') } }}
          </p>
        }
        @if (r.dryRun && r.failed > 0) {
          <p class="muted">{{ 'people.importErrorsSkipped' | t }}</p>
        }
        @if (shownRows().length < r.rows.length) {
          <p class="muted">
            {{ 'people.importShowing' | t: { shown: shownRows().length, total: r.rows.length } }}
          </p>
        }
        <table mat-table [dataSource]="shownRows()" class="rows" data-testid="import-rows">
          <ng-container matColumnDef="row">
            <th mat-header-cell *matHeaderCellDef class="num">{{ 'people.importRow' | t }}</th>
            <td mat-cell *matCellDef="let row" class="num">{{ row.line }}</td>
          </ng-container>
          <ng-container matColumnDef="fullName">
            <th mat-header-cell *matHeaderCellDef>{{ 'people.fullName' | t }}</th>
            <td mat-cell *matCellDef="let row">{{ row.fullName }}</td>
          </ng-container>
          <ng-container matColumnDef="email">
            <th mat-header-cell *matHeaderCellDef>{{ 'people.email' | t }}</th>
            <td mat-cell *matCellDef="let row">{{ row.email }}</td>
          </ng-container>
          <ng-container matColumnDef="team">
            <th mat-header-cell *matHeaderCellDef>{{ 'people.team' | t }}</th>
            <td mat-cell *matCellDef="let row">{{ row.team ?? '' }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>{{ 'people.importResult' | t }}</th>
            <td mat-cell *matCellDef="let row">
              <span class="chip" [class.ok]="row.status !== 'error'">
                {{ 'people.importStatus.' + row.status | t }}
              </span>
              @for (e of row.errors; track $index) {
                <div class="error">{{ e.field }}: {{ e.message }}</div>
              }
              @if (row.status === 'updated') {
                <div class="muted">{{ row.changes.join(', ') }}</div>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (done()) {
        <button mat-flat-button type="button" (click)="close()">{{ 'common.close' | t }}</button>
      } @else {
        <button mat-button type="button" (click)="close()">{{ 'common.cancel' | t }}</button>
        <button
          mat-stroked-button
          type="button"
          (click)="preview()"
          [disabled]="busy() || !csv().trim()"
          data-testid="import-preview"
        >
          {{ 'people.importPreview' | t }}
        </button>
        <button
          mat-flat-button
          type="button"
          (click)="runImport()"
          [disabled]="busy() || !canImport()"
          data-testid="import-run"
        >
          {{ 'people.importRun' | t }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(760px, 90vw);
    }
    .wide {
      width: 100%;
    }
    .file-row {
      display: flex;
      align-items: center;
      gap: 12px;
      margin-bottom: 12px;
    }
    .rows {
      width: 100%;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployeeImportDialog {
  private readonly ref = inject(MatDialogRef<EmployeeImportDialog, boolean>);
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  private readonly fmt = inject(Format);

  protected readonly columns = ['row', 'fullName', 'email', 'team', 'status'];
  protected readonly csv = signal('');
  protected readonly fileName = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<EmployeeImportResult | null>(null);
  /** The text the preview was made of: the import sends exactly what was previewed. */
  private readonly previewed = signal<string | null>(null);
  protected readonly done = computed(() => this.result()?.dryRun === false);
  private imported = false;

  protected readonly canImport = computed(() => {
    const r = this.result();
    return r !== null && r.dryRun && this.previewed() === this.csv() && r.created + r.updated > 0;
  });

  protected readonly shownRows = computed<EmployeeImportRow[]>(() => {
    const rows = this.result()?.rows ?? [];
    const errors = rows.filter((r) => r.status === 'error');
    const others = rows.filter((r) => r.status !== 'error');
    return [...errors, ...others].slice(0, SHOWN_ROWS);
  });

  protected counts(r: EmployeeImportResult): Record<string, string> {
    return {
      total: this.fmt.num(r.total),
      created: this.fmt.num(r.created),
      updated: this.fmt.num(r.updated),
      unchanged: this.fmt.num(r.unchanged),
      failed: this.fmt.num(r.failed),
    };
  }

  protected async onFile(file: File | undefined): Promise<void> {
    if (!file) return;
    this.fileName.set(file.name);
    this.onText(await file.text());
  }

  protected onText(text: string): void {
    this.csv.set(text);
    this.result.set(null);
    this.error.set(null);
  }

  protected preview(): Promise<void> {
    return this.send(true);
  }

  protected async runImport(): Promise<void> {
    await this.send(false);
    if (this.result()?.dryRun === false) this.imported = true;
  }

  protected close(): void {
    this.ref.close(this.imported);
  }

  private async send(dryRun: boolean): Promise<void> {
    const csv = this.csv();
    this.busy.set(true);
    this.error.set(null);
    try {
      const result = await this.api.post<EmployeeImportResult>('/employees/import', {
        csv,
        dryRun,
      });
      this.result.set(result);
      this.previewed.set(dryRun ? csv : null);
    } catch (failure) {
      this.error.set(describeError(failure, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
