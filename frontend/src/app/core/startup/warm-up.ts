import { getSupportedInputTypes } from '@angular/cdk/platform';
import { type EnvironmentProviders, inject, provideEnvironmentInitializer } from '@angular/core';
import { Format } from '../i18n/format.service';

/**
 * Work that the first render of a page would otherwise do inside its one long task, done instead
 * in short tasks while the page still waits for its chunks and the session: the language's Intl
 * formats, and Material's probe of the input types the browser knows (it sets 22 types on a test
 * element, 25-30 ms on a laptop-class CPU). Both are cached, so the render then only reads them.
 */
export function provideStartupWarmUp(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const format = inject(Format);
    setTimeout(() => {
      getSupportedInputTypes();
      format.warmUp();
    });
  });
}
