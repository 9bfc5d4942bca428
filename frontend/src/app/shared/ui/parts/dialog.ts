import {
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';

// One group of Material's standalone parts: see field.ts for why components import these.

/** A dialog's title, content, actions and close button. */
export const DIALOG_PARTS = [
  MatDialogTitle,
  MatDialogContent,
  MatDialogActions,
  MatDialogClose,
] as const;
