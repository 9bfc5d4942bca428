import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, Directive, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { Billing } from '@app/features/billing/billing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { AsyncState, WhenReady } from './async-state';

/** Counts how many times the element it sits on is created. */
@Directive({ selector: '[ctxCounted]' })
class Counted {
  static created = 0;
  constructor() {
    Counted.created += 1;
  }
}

@Component({
  imports: [AsyncState, WhenReady, Counted],
  template: `
    <ctx-async-state [loading]="loading()" [empty]="empty()">
      <button empty-action type="button">Add one</button>
      <ng-template ctxWhenReady><p ctxCounted data-testid="rows">rows</p></ng-template>
    </ctx-async-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly loading = signal(true);
  readonly empty = signal(false);
}

describe('data states', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('owner');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('says "not available on this server" for an endpoint the server lacks, never fake data', async () => {
    const fixture = TestBed.createComponent(Billing);
    await start(fixture);
    const http = TestBed.inject(HttpTestingController);
    for (const url of [
      '/api/v1/billing/seats',
      '/api/v1/billing/cards',
      '/api/v1/billing/invoices',
    ]) {
      http
        .expectOne(url)
        .flush({ status: 404, title: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    }
    http
      .expectOne((r) => r.url === '/api/v1/billing/seats/holders')
      .flush({ status: 404, title: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('[data-testid="unavailable"]')).toHaveLength(3);
    expect(el.textContent).toContain('Not available on this server');
    expect(el.querySelector('table')).toBeNull();
  });

  it('shows a server failure in words and retries on request', async () => {
    const fixture = TestBed.createComponent(Billing);
    await start(fixture);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/billing/cards').flush({ items: [] });
    http
      .expectOne('/api/v1/billing/seats')
      .flush({ status: 500, title: 'Internal Server Error' }, { status: 500, statusText: 'Error' });
    http
      .expectOne('/api/v1/billing/invoices')
      .flush({ items: [], page: 1, pageSize: 50, total: 0 });
    http
      .expectOne((r) => r.url === '/api/v1/billing/seats/holders')
      .flush({ items: [], page: 1, pageSize: 25, total: 0 });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role="alert"]')?.textContent).toContain(
      'The server failed to do this',
    );
    const empties = Array.from(el.querySelectorAll('[data-testid="empty"]')).map(
      (e) => e.textContent,
    );
    expect(empties).toEqual([
      expect.stringContaining('No seats in use yet'),
      expect.stringContaining('No invoices yet'),
    ]);

    const loader = TestbedHarnessEnvironment.loader(fixture);
    const retry = await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }));
    expect(await retry.isDisabled()).toBe(false);
    // A harness click waits for stability, which a pending request never reaches.
    el.querySelector<HTMLButtonElement>('[data-testid="error"] button')!.click();
    await start(fixture);
    http.expectOne('/api/v1/billing/seats').flush({
      plan: 'business',
      seatsInUse: 12,
      licensedSeats: 50,
      graceSeats: 0,
      pricePerSeatMinor: 500,
      currency: 'EUR',
      license: null,
    });
    await settle(fixture);
    expect(el.textContent).toContain('12 of 50 seats in use');
  });

  it('builds its content only once there is data, and shows the next step when empty', async () => {
    Counted.created = 0;
    const fixture = TestBed.createComponent(Host);
    const el = fixture.nativeElement as HTMLElement;
    await settle(fixture);
    // Loading: nothing of the content exists yet.
    expect(el.querySelector('[data-testid="rows"]')).toBeNull();
    expect(el.querySelector('[role="status"] mat-spinner')).not.toBeNull();
    expect(Counted.created).toBe(0);
    fixture.componentInstance.loading.set(false);
    fixture.componentInstance.empty.set(true);
    await settle(fixture);
    expect(el.querySelector('[data-testid="empty"] button')?.textContent).toBe('Add one');
    expect(Counted.created).toBe(0);
    fixture.componentInstance.empty.set(false);
    await settle(fixture);
    expect(el.querySelector('[data-testid="rows"]')?.textContent).toBe('rows');
    expect(el.querySelector('[data-testid="empty"]')).toBeNull();
    expect(Counted.created).toBe(1);
  });
});
