import { ChangeDetectionStrategy, Component, booleanAttribute, input } from '@angular/core';

/**
 * A button drawn like an outlined Material field (its label on the outline, its value inside, a
 * select's arrow with `caret`), the same size: what stands in for a select or a calendar field
 * until the page has painted and its code has loaded, so that nothing moves when it takes the
 * place. Mark it `aria-disabled="true"` when it does nothing until then.
 */
@Component({
  // An attribute on a native button, as Material's buttons are: it stays a button for the keyboard
  // and screen readers, and takes the attributes and test ids its place needs.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: 'button[ctxFieldLook]',
  template: `
    <span class="field-label">{{ label() }}</span>
    <ng-content />
    @if (caret()) {
      <span class="caret" aria-hidden="true"></span>
    }
  `,
  host: { type: 'button', '[class.with-caret]': 'caret()' },
  styles: `
    :host {
      position: relative;
      box-sizing: border-box;
      height: 56px;
      padding: 0 16px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-extra-small, 4px);
      background: transparent;
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-large);
      text-align: start;
      white-space: nowrap;
      cursor: pointer;
    }
    :host([aria-disabled='true']) {
      cursor: default;
    }
    :host(.with-caret) {
      padding-right: 40px;
    }
    :host(:hover) {
      border-color: var(--mat-sys-on-surface);
    }
    :host(:focus-visible) {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: -2px;
    }
    .field-label {
      position: absolute;
      top: -0.6em;
      left: 12px;
      padding: 0 4px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .caret {
      position: absolute;
      right: 14px;
      top: 50%;
      margin-top: -2.5px;
      border: 5px solid transparent;
      border-top-color: var(--mat-sys-on-surface-variant);
      border-bottom-width: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldLook {
  readonly label = input.required<string>();
  readonly caret = input(false, { transform: booleanAttribute });
}
