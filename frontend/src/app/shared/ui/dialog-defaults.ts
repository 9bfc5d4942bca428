import type { MatDialogConfig } from '@angular/material/dialog';

/**
 * Every dialog traps focus at once, not after its opening animation: text typed (or filled by a
 * password manager) in those 150 ms otherwise lands in a field the trap then leaves. Spread into
 * each `open` rather than provided in app.config, which would pull the dialog code into the first
 * screen's JavaScript.
 */
export const DIALOG_DEFAULTS: MatDialogConfig = { delayFocusTrap: false };
