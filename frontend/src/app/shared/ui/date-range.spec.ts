import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { presetRange } from '@app/shared/data/dates';
import { provideTestApp, start } from '../../../testing/providers';
import { DateRange, type DayRange } from './date-range';

@Component({
  imports: [DateRange],
  template: `<ctx-date-range
    [from]="range().from"
    [to]="range().to"
    (rangeChange)="range.set($event)"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly range = signal<DayRange>(presetRange('lastWeek', new Date()));
}

describe('DateRange', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: provideTestApp(),
      deferBlockBehavior: DeferBlockBehavior.Manual,
    });
  });

  it('stands a field in for the presets until the page is idle, then the select takes its place', async () => {
    const fixture = TestBed.createComponent(Host);
    await start(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const pending = root.querySelector<HTMLElement>('[data-testid="range-preset"]')!;
    // The same label and value as the select will show, and not usable yet.
    expect(pending.tagName).toBe('BUTTON');
    expect(pending.getAttribute('aria-disabled')).toBe('true');
    expect(pending.textContent).toContain('Range');
    expect(pending.textContent).toContain('Last week');
    expect(root.querySelector('mat-select')).toBeNull();

    const [presets] = await fixture.getDeferBlocks();
    await presets.render(DeferBlockState.Complete);
    const select = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatSelectHarness.with({ selector: '[data-testid="range-preset"]' }),
    );
    expect(await select.getValueText()).toBe('Last week');
    await select.open();
    await select.clickOptions({ text: 'Last month' });
    expect(fixture.componentInstance.range()).toEqual(presetRange('lastMonth', new Date()));
  });
});
