import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Billing } from './billing';

const SEATS = {
  plan: 'free',
  seatsInUse: 7,
  licensedSeats: 5,
  graceSeats: 0,
  pricePerSeatMinor: 0,
  currency: 'EUR',
  license: null,
};

const HOLDERS = {
  items: [
    {
      employeeId: 'e1',
      fullName: 'Ada Lovelace',
      email: 'ada@example.com',
      devices: 2,
      since: '2026-11-02T08:00:00Z',
    },
    {
      employeeId: 'e2',
      fullName: 'Bob Builder',
      email: 'bob@example.com',
      devices: 1,
      since: '2026-11-03T08:00:00Z',
    },
  ],
  page: 1,
  pageSize: 25,
  total: 7,
};

describe('Billing seats', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('owner');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });
  afterEach(() => jest.restoreAllMocks());

  async function render() {
    const fixture = TestBed.createComponent(Billing);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/billing/seats').flush(SEATS);
    http.expectOne('/api/v1/billing/cards').flush({ items: [] });
    http
      .expectOne('/api/v1/billing/invoices')
      .flush({ items: [], page: 1, pageSize: 50, total: 0 });
    const holders = http.expectOne((r) => r.url === '/api/v1/billing/seats/holders');
    expect(holders.request.params.get('page')).toBe('1');
    expect(holders.request.params.get('pageSize')).toBe('25');
    holders.flush(HOLDERS);
    await settle(fixture);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('says by how much the seats are over and lists who holds them', async () => {
    const { el } = await render();
    expect(el.querySelector('[data-testid="seats"]')?.textContent).toContain('7 of 5 seats in use');
    expect(el.querySelector('[data-testid="seats-over"]')?.textContent).toContain(
      '2 seats over the plan',
    );
    const rows = Array.from(el.querySelectorAll('[data-testid="seat-holders"] tbody tr')).map(
      (tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['Ada Lovelace', 'ada@example.com', '2'],
      ['Bob Builder', 'bob@example.com', '1'],
    ]);
  });

  it('deactivates a seat holder after confirmation and counts the seats again', async () => {
    const { fixture, http, el } = await render();
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValue(false);
    const buttons = () =>
      Array.from(
        el.querySelectorAll<HTMLButtonElement>('[data-testid="seat-holders"] tbody button'),
      );
    buttons()[1].click();
    http.expectNone('/api/v1/employees/e2/deactivate');

    confirm.mockReturnValue(true);
    buttons()[1].click();
    expect(confirm).toHaveBeenLastCalledWith(expect.stringContaining('Deactivate Bob Builder?'));
    http.expectOne('/api/v1/employees/e2/deactivate').flush({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    await start(fixture);
    http.expectOne('/api/v1/billing/seats').flush({ ...SEATS, seatsInUse: 6 });
    http
      .expectOne((r) => r.url === '/api/v1/billing/seats/holders')
      .flush({ ...HOLDERS, items: HOLDERS.items.slice(0, 1), total: 6 });
    await settle(fixture);
    expect(el.querySelector('[data-testid="seats"]')?.textContent).toContain('6 of 5 seats in use');
    expect(buttons()).toHaveLength(1);
  });
});
