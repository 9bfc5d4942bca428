import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { resetSession } from './providers';

setupZonelessTestEnv();

// Each test starts signed out unless it calls signInAs.
beforeEach(() => resetSession());

// Harness-driven component tests are slower than the 5 s default on a 2-core machine.
jest.setTimeout(20_000);
