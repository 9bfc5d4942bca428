import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { SetPassword } from './set-password';

/** Where the invitation mail's link lands: the invited person chooses a password and joins. */
@Component({
  selector: 'ctx-accept-invitation',
  imports: [SetPassword],
  template: `<ctx-set-password flow="invitation" [token]="token()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitation {
  readonly token = input<string>();
}
