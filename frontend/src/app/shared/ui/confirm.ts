import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { describeError } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import { FormDialog, type FormDialogData } from './form-dialog';
import { DIALOG_DEFAULTS } from './dialog-defaults';

/** Dialogs and snack bars the pages share. */
@Injectable({ providedIn: 'root' })
export class Ui {
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  async form(data: FormDialogData): Promise<boolean> {
    const ref = this.dialog.open<FormDialog, FormDialogData, boolean>(FormDialog, {
      ...DIALOG_DEFAULTS,
      data,
    });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }

  confirm(message: string): boolean {
    return globalThis.confirm(message);
  }

  notify(message: string): void {
    this.snack.open(message, this.i18n.t('common.close'), { duration: 4000 });
  }

  /** Runs an action and reports its outcome; returns whether it succeeded. */
  async run(action: () => Promise<unknown>, done?: string): Promise<boolean> {
    try {
      await action();
      if (done) this.notify(done);
      return true;
    } catch (error) {
      this.notify(describeError(error, this.i18n));
      return false;
    }
  }
}
