import {
  MatCell,
  MatCellDef,
  MatColumnDef,
  MatFooterCell,
  MatFooterCellDef,
  MatFooterRow,
  MatFooterRowDef,
  MatHeaderCell,
  MatHeaderCellDef,
  MatHeaderRow,
  MatHeaderRowDef,
  MatNoDataRow,
  MatRow,
  MatRowDef,
  MatTable,
} from '@angular/material/table';

// One group of Material's standalone parts: see field.ts for why components import these.

/** A Material table: the table, its column, header, cell, footer and row definitions. */
export const TABLE_PARTS = [
  MatTable,
  MatColumnDef,
  MatHeaderCellDef,
  MatCellDef,
  MatFooterCellDef,
  MatHeaderRowDef,
  MatRowDef,
  MatFooterRowDef,
  MatNoDataRow,
  MatHeaderCell,
  MatCell,
  MatFooterCell,
  MatHeaderRow,
  MatRow,
  MatFooterRow,
] as const;
