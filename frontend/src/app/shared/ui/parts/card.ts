import {
  MatCard,
  MatCardActions,
  MatCardAvatar,
  MatCardContent,
  MatCardHeader,
  MatCardSubtitle,
  MatCardTitle,
} from '@angular/material/card';

// One group of Material's standalone parts: see field.ts for why components import these.

/** A card with its header, title, subtitle, avatar, content and actions. */
export const CARD_PARTS = [
  MatCard,
  MatCardHeader,
  MatCardTitle,
  MatCardSubtitle,
  MatCardAvatar,
  MatCardContent,
  MatCardActions,
] as const;
