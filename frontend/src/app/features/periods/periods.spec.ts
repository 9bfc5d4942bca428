import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Periods, type Period } from './periods';

function month(m: string, state: Period['state'], lockedAt: string | null = null): Period {
  const last = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate();
  return { month: m, from: `${m}-01`, to: `${m}-${last}`, state, lockedAt, lockedByUserId: null };
}

const YEAR = [
  month('2026-09', 'open'),
  month('2026-10', 'locked', '2026-11-05T10:00:00.000Z'),
  month('2026-11', 'open'),
  month('2026-12', 'current'),
];

async function closed(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
  }
  expect(document.querySelector('mat-dialog-container')).toBeNull();
}

/** The list is asked for again once the change is through (resources reload asynchronously). */
async function reloaded(fixture: ComponentFixture<unknown>, http: HttpTestingController) {
  for (let i = 0; i < 40; i++) {
    const found = http.match((r) => r.url === '/api/v1/periods');
    if (found.length > 0) {
      found.forEach((r) => r.flush({ items: YEAR }));
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
    await start(fixture);
  }
  throw new Error('the periods were not reloaded');
}

describe('Periods', () => {
  afterEach(() => jest.restoreAllMocks());

  async function render(role: 'hr' | 'admin', items: Period[] = YEAR) {
    localStorage.clear();
    signInAs(role);
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Periods);
    fixture.componentRef.setInput('year', '2026');
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    const list = http.expectOne((r) => r.url === '/api/v1/periods');
    expect(list.request.params.get('year')).toBe('2026');
    list.flush({ items });
    await settle(fixture);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('lists the months with their state; HR may lock ended months but not unlock', async () => {
    const { el } = await render('hr');
    const states = [...el.querySelectorAll('td[data-state]')].map((td) =>
      td.getAttribute('data-state'),
    );
    expect(states).toEqual(['open', 'locked', 'open', 'current']);
    expect(el.textContent).toContain('October 2026');
    expect(el.textContent).toContain('Locked');
    expect(el.querySelectorAll('[data-testid="lock-period"]')).toHaveLength(2);
    expect(el.querySelector('[data-testid="unlock-period"]')).toBeNull();
  });

  it('locks a month after confirmation, and not without it', async () => {
    const { fixture, http, el } = await render('hr');
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValue(false);
    el.querySelector<HTMLButtonElement>('button[aria-label="Lock September 2026"]')!.click();
    await start(fixture);
    http.expectNone('/api/v1/periods/2026-09/lock');
    confirm.mockReturnValue(true);
    el.querySelector<HTMLButtonElement>('button[aria-label="Lock September 2026"]')!.click();
    await start(fixture);
    expect(confirm).toHaveBeenLastCalledWith(expect.stringContaining('Lock September 2026?'));
    const req = http.expectOne('/api/v1/periods/2026-09/lock');
    expect(req.request.method).toBe('POST');
    req.flush(month('2026-09', 'locked', '2026-12-03T10:00:00.000Z'));
    await reloaded(fixture, http);
  });

  it('unlocks with a reason (owner/admin)', async () => {
    const { fixture, http, el } = await render('admin');
    el.querySelector<HTMLButtonElement>('button[aria-label="Unlock October 2026"]')!.click();
    await settle(fixture);
    const reason = document.querySelector<HTMLTextAreaElement>('mat-dialog-container textarea')!;
    reason.value = '  Late correction  ';
    reason.dispatchEvent(new Event('input'));
    await start(fixture);
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/periods/2026-10/unlock');
    expect(req.request.body).toEqual({ reason: 'Late correction' });
    req.flush(month('2026-10', 'open'));
    await closed(fixture);
    await reloaded(fixture, http);
  });
});
