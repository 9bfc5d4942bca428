import { getSupportedInputTypes } from '@angular/cdk/platform';
import { type EnvironmentProviders, inject, provideEnvironmentInitializer } from '@angular/core';
import { hasSessionHint } from '../auth/auth.service';
import { Format } from '../i18n/format.service';

/**
 * Work that the first render of a page would otherwise do inside its one long task, done instead
 * in short tasks while the page still waits for its chunks and the session: Material's probe of
 * the input types the browser knows (it sets 22 types on a test element, 25-30 ms on a
 * laptop-class CPU) and, when a session is being restored, the language's Intl formats that the
 * signed-in pages print with. Both are cached, so the render then only reads them. Signed out
 * (the sign-in page: no dates, no figures, and no session to wait for) the formats are left alone.
 */
export function provideStartupWarmUp(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const format = inject(Format);
    const signedIn = hasSessionHint();
    setTimeout(() => {
      getSupportedInputTypes();
      if (signedIn) format.warmUp();
    });
  });
}
