import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { I18n } from '@app/core/i18n/i18n.service';
import { provideTestApp } from '../../../testing/providers';
import { provideConsoleDateAdapter } from './date-adapter';

@Component({
  selector: 'ctx-calendar-host',
  providers: [provideConsoleDateAdapter()],
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class CalendarHost {
  readonly adapter = inject<DateAdapter<Date>>(DateAdapter);
}

describe('provideConsoleDateAdapter', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('is not provided at the root: only a component with a calendar has it', () => {
    expect(TestBed.inject(DateAdapter, null)).toBeNull();
  });

  it('names months in the console language and follows a change of it', async () => {
    const fixture = TestBed.createComponent(CalendarHost);
    fixture.detectChanges();
    const adapter = fixture.componentInstance.adapter;
    expect(adapter.getMonthNames('long')[0]).toBe('January');

    await TestBed.inject(I18n).use('ru');
    TestBed.tick();
    expect(adapter.getMonthNames('long')[0]).toBe('январь');

    await TestBed.inject(I18n).use('uk');
    TestBed.tick();
    expect(adapter.getMonthNames('long')[0]).toBe('січень');
    expect(adapter.format(new Date(2026, 11, 7), { day: 'numeric', month: 'long' })).toBe(
      '7 грудня',
    );
  });
});
