import { TestBed } from '@angular/core/testing';
import { provideTestApp } from '../../../testing/providers';
import { Format } from '../i18n/format.service';
import { provideStartupWarmUp } from './warm-up';

describe('provideStartupWarmUp', () => {
  afterEach(() => {
    jest.useRealTimers();
    document.cookie = 'ctx_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  function start(): jest.SpyInstance {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [...provideTestApp(), provideStartupWarmUp()] });
    const format = TestBed.inject(Format);
    return jest.spyOn(format, 'warmUp');
  }

  it('warms the formats up after the app’s start, in later tasks, when a session is coming', () => {
    document.cookie = 'ctx_session=1; path=/';
    const warmUp = start();
    expect(warmUp).not.toHaveBeenCalled();
    jest.runOnlyPendingTimers();
    expect(warmUp).toHaveBeenCalledTimes(1);
  });

  it('leaves them alone on a signed-out start (sign-in prints no dates or figures)', () => {
    const warmUp = start();
    jest.runOnlyPendingTimers();
    expect(warmUp).not.toHaveBeenCalled();
  });
});
