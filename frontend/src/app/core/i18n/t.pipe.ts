import { Pipe, type PipeTransform, inject } from '@angular/core';
import { I18n, type TranslationKey } from './i18n.service';

/** Impure so that a language switch re-renders; the lookup is a few property reads. */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: TranslationKey | (string & {}), params?: Record<string, string | number>): string {
    return this.i18n.t(key as TranslationKey, params);
  }
}
