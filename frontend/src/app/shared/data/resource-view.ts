import { computed, type ResourceRef, type Signal } from '@angular/core';
import { describeError, isNotAvailable } from '@app/core/http/problem';
import type { I18n } from '@app/core/i18n/i18n.service';

export interface ResourceView<T> {
  data: Signal<T | undefined>;
  loading: Signal<boolean>;
  unavailable: Signal<boolean>;
  error: Signal<string | null>;
  reload(): void;
}

/**
 * The four states a page shows for one `httpResource` or `resource` (a resource in error throws on
 * value()).
 */
export function viewOf<T>(ref: ResourceRef<T | undefined>, i18n: I18n): ResourceView<T> {
  return {
    data: computed(() => (ref.hasValue() ? ref.value() : undefined)),
    loading: computed(() => ref.isLoading() && !ref.hasValue()),
    unavailable: computed(() => isNotAvailable(ref.error())),
    error: computed(() => {
      const error = ref.error();
      return error && !isNotAvailable(error) ? describeError(error, i18n) : null;
    }),
    reload: () => void ref.reload(),
  };
}

/** One of several views, whichever `pick` names now (two requests that would ask the same thing). */
export function switchView<T>(pick: () => ResourceView<T>): ResourceView<T> {
  return {
    data: computed(() => pick().data()),
    loading: computed(() => pick().loading()),
    unavailable: computed(() => pick().unavailable()),
    error: computed(() => pick().error()),
    reload: () => pick().reload(),
  };
}
