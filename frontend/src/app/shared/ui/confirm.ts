import { inject, Injectable, Injector } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { describeError } from '@app/core/http/problem';
import { I18n } from '@app/core/i18n/i18n.service';
import type { FormDialog, FormDialogData } from './form-dialog';
import { DIALOG_DEFAULTS } from './dialog-defaults';

/**
 * Dialogs and snack bars the pages share. The shell and nearly every page inject it, so the
 * dialog, its form controls and the snack bar are loaded when first used, not with the first
 * screen (they were a third of the dashboard's first JavaScript).
 */
@Injectable({ providedIn: 'root' })
export class Ui {
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);

  async form(data: FormDialogData): Promise<boolean> {
    const [{ MatDialog }, { FormDialog }] = await Promise.all([
      import('@angular/material/dialog'),
      import('./form-dialog'),
    ]);
    const ref = this.injector.get(MatDialog).open<FormDialog, FormDialogData, boolean>(FormDialog, {
      ...DIALOG_DEFAULTS,
      data,
    });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }

  confirm(message: string): boolean {
    return globalThis.confirm(message);
  }

  notify(message: string): void {
    void this.show(message);
  }

  /** Runs an action and reports its outcome; returns whether it succeeded. */
  async run(action: () => Promise<unknown>, done?: string): Promise<boolean> {
    try {
      await action();
      if (done) await this.show(done);
      return true;
    } catch (error) {
      await this.show(describeError(error, this.i18n));
      return false;
    }
  }

  /** Resolves once the message is on screen. */
  private async show(message: string): Promise<void> {
    const { MatSnackBar } = await import('@angular/material/snack-bar');
    this.injector.get(MatSnackBar).open(message, this.i18n.t('common.close'), { duration: 4000 });
  }
}
