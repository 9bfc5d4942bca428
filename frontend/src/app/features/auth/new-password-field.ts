import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/** A password being chosen: the browser may suggest one, the hint states the server's policy. */
@Component({
  selector: 'ctx-new-password-field',
  imports: [ReactiveFormsModule, FIELD_PARTS, TranslatePipe],
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ label() }}</mat-label>
      <input matInput type="password" [formControl]="control()" autocomplete="new-password" />
      <mat-hint>{{ 'auth.passwordHint' | t }}</mat-hint>
    </mat-form-field>
  `,
  // Stretches the field across the form, as if it were the form's own child.
  styles: `
    :host {
      display: flex;
      flex-direction: column;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewPasswordField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input.required<string>();
}
