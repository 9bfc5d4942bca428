import { TestBed } from '@angular/core/testing';
import { provideTestApp } from '../../../testing/providers';
import { Format } from '../i18n/format.service';
import { provideStartupWarmUp } from './warm-up';

describe('provideStartupWarmUp', () => {
  afterEach(() => jest.useRealTimers());

  it('leaves the app’s start to run first, then warms the formats up in later tasks', () => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [...provideTestApp(), provideStartupWarmUp()] });
    const format = TestBed.inject(Format);
    const warmUp = jest.spyOn(format, 'warmUp');
    expect(warmUp).not.toHaveBeenCalled();
    jest.runOnlyPendingTimers();
    expect(warmUp).toHaveBeenCalledTimes(1);
  });
});
