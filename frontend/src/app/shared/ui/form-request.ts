import { inject, signal, type Signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { describeError } from '@app/core/http/problem';
import { I18n, type TranslationKey } from '@app/core/i18n/i18n.service';

/** The busy flag and the error sentence of a form that sends one request. */
export interface FormRequest {
  readonly busy: Signal<boolean>;
  readonly error: Signal<string | null>;
  /**
   * Sends a valid form: busy until `request` settles, a failure is shown as a sentence in the
   * current language. An invalid form is only marked touched so that its fields show why.
   */
  send(form: AbstractControl, request: () => Promise<unknown>): Promise<void>;
}

/**
 * Call in an injection context. `explain` names the message for failures the page words better
 * than describeError (signup closed, no mail on this server); null falls back to describeError.
 */
export function formRequest(explain?: (error: unknown) => TranslationKey | null): FormRequest {
  const i18n = inject(I18n);
  const busy = signal(false);
  const error = signal<string | null>(null);
  return {
    busy: busy.asReadonly(),
    error: error.asReadonly(),
    async send(form, request) {
      if (form.invalid) {
        form.markAllAsTouched();
        return;
      }
      busy.set(true);
      error.set(null);
      try {
        await request();
      } catch (failure) {
        const key = explain?.(failure);
        error.set(key ? i18n.t(key) : describeError(failure, i18n));
      } finally {
        busy.set(false);
      }
    },
  };
}
