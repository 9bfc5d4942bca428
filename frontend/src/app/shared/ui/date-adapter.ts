import { effect, inject, type Provider } from '@angular/core';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MAT_NATIVE_DATE_FORMATS,
  NativeDateAdapter,
} from '@angular/material/core';
import { I18n } from '@app/core/i18n/i18n.service';

/**
 * The calendar's dates in the console's language, for a component that shows a datepicker.
 * Provided there, not at the root: Material's core would otherwise be part of the script every
 * page loads before its first paint, though only three pages have a calendar.
 */
export function provideConsoleDateAdapter(): Provider[] {
  return [
    {
      provide: DateAdapter,
      useFactory: () => {
        const adapter = new NativeDateAdapter();
        const i18n = inject(I18n);
        adapter.setLocale(i18n.language());
        effect(() => adapter.setLocale(i18n.language()));
        return adapter;
      },
    },
    { provide: MAT_DATE_FORMATS, useValue: MAT_NATIVE_DATE_FORMATS },
  ];
}
