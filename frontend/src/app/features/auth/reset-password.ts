import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { SetPassword } from './set-password';

/** Where the reset mail's link lands: choose a new password with the mailed token. */
@Component({
  selector: 'ctx-reset-password',
  imports: [SetPassword],
  template: `<ctx-set-password flow="reset" [token]="token()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPassword {
  readonly token = input<string>();
}
