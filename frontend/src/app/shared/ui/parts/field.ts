import {
  MatError,
  MatFormField,
  MatHint,
  MatLabel,
  MatPrefix,
  MatSuffix,
} from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

// Groups of Material's standalone parts for a component's `imports`, one group per file so that a
// page loads only the groups it uses. Components import these rather than Material's NgModules:
// an NgModule gives each component that imports it an environment injector, built when it first
// renders (tools/templates.spec.ts says why). A part used only inside a `@defer` block must be
// imported by itself: Angular defers a dependency only when it is named directly.

/** An outlined form field with a text input: its label, hint, error and affixes. */
export const FIELD_PARTS = [
  MatFormField,
  MatLabel,
  MatHint,
  MatError,
  MatPrefix,
  MatSuffix,
  MatInput,
] as const;
