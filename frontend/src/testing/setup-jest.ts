import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { resetSession } from './providers';

setupZonelessTestEnv();

// Each test starts signed out unless it calls signInAs.
beforeEach(() => resetSession());

// Harness-driven component tests are slower than the 5 s default on a 2-core machine.
jest.setTimeout(20_000);

// jsdom lays nothing out, so nothing is ever in view: an observer that never reports. A test
// renders an `@defer (on viewport)` block itself (DeferBlockBehavior.Manual, then render()).
class NothingInView implements IntersectionObserver {
  readonly root = null;
  readonly rootMargin = '0px';
  readonly thresholds = [0];
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
}
globalThis.IntersectionObserver ??= NothingInView;
