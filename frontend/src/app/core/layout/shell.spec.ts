import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatNavListHarness } from '@angular/material/list/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Shell } from './shell';

const CLOSURE_URL = '/api/v1/privacy/organization-closure';
const SEATS_URL = '/api/v1/billing/seats';
const DEMO_URL = '/api/v1/demo';

function demoStatus(state: string, progress: { done: number; total: number } | null = null) {
  return {
    state,
    canLoad: state === 'none',
    reason: null,
    counts: { teams: 4, employees: state === 'none' ? 0 : 50, rules: 4 },
    progress,
    seed: 17,
    days: 30,
    startedAt: null,
    error: null,
  };
}

describe('Shell', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  /** `closure` answers the owner's closure request: the closure, or null for the API's 404. */
  async function render(
    role: Parameters<typeof signInAs>[0],
    closure: { closedAt: string; purgeAt: string } | null = null,
    seats = { seatsInUse: 3, licensedSeats: 5 },
    demo = demoStatus('none'),
    deferBlockBehavior = DeferBlockBehavior.Playthrough,
  ) {
    signInAs(role);
    TestBed.configureTestingModule({
      providers: provideTestApp([{ path: '**', children: [] }]),
      deferBlockBehavior,
    });
    const fixture = TestBed.createComponent(Shell);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http
      .expectOne('/api/v1/organizations/current')
      .flush({ id: 'o1', name: 'Acme Ltd', defaultTimeZone: 'UTC', locale: 'en', createdAt: '' });
    if (role === 'owner') {
      const req = http.expectOne(CLOSURE_URL);
      req.flush(
        closure ? { closed: true, ...closure } : { closed: false, closedAt: null, purgeAt: null },
      );
      http.expectOne(SEATS_URL).flush({ plan: 'free', ...seats });
    }
    if (role === 'owner' || role === 'admin') http.expectOne(DEMO_URL).flush(demo);
    await settle(fixture);
    return { fixture, http, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  const banner = (fixture: Awaited<ReturnType<typeof render>>['fixture']) =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(
      '[data-testid="closure-banner"]',
    );

  const groupHeadings = (fixture: Awaited<ReturnType<typeof render>>['fixture']) =>
    [...(fixture.nativeElement as HTMLElement).querySelectorAll('.nav-group')].map((h) =>
      h.textContent?.trim(),
    );

  async function navTitles(loader: Awaited<ReturnType<typeof render>>['loader']) {
    const nav = await loader.getHarness(MatNavListHarness);
    return Promise.all((await nav.getItems()).map((item) => item.getTitle()));
  }

  it('shows an owner every section and the organization name', async () => {
    const { fixture, loader } = await render('owner');
    expect(await navTitles(loader)).toEqual([
      'Dashboard',
      'Reports',
      'Attendance',
      'Absences',
      'Projects',
      'My day by project',
      'My timesheet',
      'Approvals',
      'Work schedules',
      'Holidays',
      'Locked periods',
      'Payroll export',
      'People & teams',
      'Devices',
      'Directory (LDAP)',
      'Productivity rules',
      'Exports',
      'Privacy',
      'Audit log',
      'Settings',
      'Single sign-on',
      'Webhooks',
      'Billing',
      'My data',
      'Security',
      'API access',
    ]);
    expect(groupHeadings(fixture)).toEqual([
      'Activity',
      'Working time',
      'People & devices',
      'Rules & data',
      'Administration',
      'Personal',
    ]);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Acme Ltd');
  });

  it('marks only the most specific link as the page on screen', async () => {
    const { fixture } = await render('owner');
    const current = () =>
      [...(fixture.nativeElement as HTMLElement).querySelectorAll('a[aria-current="page"]')].map(
        (a) => a.getAttribute('href'),
      );
    const visit = async (url: string) => {
      await TestBed.inject(Router).navigateByUrl(url);
      await settle(fixture);
    };
    await visit('/projects/my-day');
    expect(current()).toEqual(['/projects/my-day']);
    // A page with no link of its own keeps its section's.
    await visit('/projects/p-1?tab=people');
    expect(current()).toEqual(['/projects']);
    await visit('/settings/sso');
    expect(current()).toEqual(['/settings/sso']);
    await visit('/dashboard');
    expect(current()).toEqual(['/dashboard']);
  });

  it('shows a manager attendance and absences, but not work schedules', async () => {
    const { loader } = await render('manager');
    const titles = await navTitles(loader);
    expect(titles).toEqual(expect.arrayContaining(['Attendance', 'Absences', 'Holidays']));
    expect(titles).not.toContain('Work schedules');
  });

  it('shows an employee only their own data, their API tokens and their security', async () => {
    const { fixture, loader } = await render('employee');
    expect(await navTitles(loader)).toEqual([
      'My day by project',
      'My timesheet',
      'My data',
      'Security',
      'API access',
    ]);
    // A group none of whose pages this person may open has no heading either.
    expect(groupHeadings(fixture)).toEqual(['Working time', 'Personal']);
  });

  it('switches the language at run time', async () => {
    const { fixture, loader } = await render('hr');
    const menu = await loader.getHarness(MatMenuHarness.with({ triggerText: /EN/ }));
    await menu.clickItem({ text: 'Русский' });
    await settle(fixture);
    await new Promise((r) => setTimeout(r, 50));
    await settle(fixture);
    expect(await navTitles(loader)).toContain('Отчёты');
    expect(document.documentElement.lang).toBe('ru');
    expect(localStorage.getItem('ctx.lang')).toBe('ru');
  });

  it('shows the toolbar buttons at once, unavailable until their menus have loaded', async () => {
    const { fixture, loader } = await render(
      'owner',
      null,
      undefined,
      undefined,
      DeferBlockBehavior.Manual,
    );
    const button = (id: string) =>
      (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    expect(button('user-menu').getAttribute('aria-disabled')).toBe('true');
    expect(button('language-menu').getAttribute('aria-disabled')).toBe('true');
    expect(button('language-menu').textContent).toContain('EN');
    // Named as the menu's trigger will be.
    const name = button('language-menu').getAttribute('aria-label');
    expect(name).toBe('Language EN');

    // The menus, and the navigation beside them (rendered on a desktop at once).
    for (const block of await fixture.getDeferBlocks())
      await block.render(DeferBlockState.Complete);
    expect(button('user-menu').getAttribute('aria-disabled')).toBeNull();
    expect(button('language-menu').getAttribute('aria-label')).toBe(name);
    const account = await loader.getHarness(
      MatMenuHarness.with({ selector: '[data-testid="user-menu"]' }),
    );
    await account.open();
    const items = await account.getItems();
    expect(await Promise.all(items.map((i) => i.getText()))).toEqual([
      'Olga Owner · Owner',
      'person My data',
      'logout Sign out',
    ]);
  });

  it('warns the owner of a closed organization on every page, with the purge date', async () => {
    const { fixture } = await render('owner', {
      closedAt: '2026-05-01T10:00:00.000Z',
      purgeAt: '2026-05-31T10:00:00.000Z',
    });
    const el = banner(fixture);
    expect(el?.textContent).toContain(
      'This organization is closed: all its data will be deleted on May 31, 2026',
    );
    const link = el?.querySelector('a');
    expect(link?.textContent).toContain('Reopen it in Settings');
    expect(link?.getAttribute('href')).toBe('/settings');
  });

  it('shows no banner while the organization is open', async () => {
    const { fixture } = await render('owner', null);
    expect(banner(fixture)).toBeNull();
  });

  it('does not ask about the closure for roles that cannot be signed in during one', async () => {
    const { fixture, http } = await render('manager');
    http.expectNone(CLOSURE_URL);
    http.verify();
    expect(banner(fixture)).toBeNull();
  });

  it('tells the owner, on every page, how many seats are over the plan and what to do', async () => {
    const { fixture } = await render('owner', null, { seatsInUse: 7, licensedSeats: 5 });
    const seatBanner = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(
      '[data-testid="seat-banner"]',
    );
    expect(seatBanner?.textContent).toContain(
      '7 seats are in use and the plan grants 5: 2 too many.',
    );
    const links = Array.from(seatBanner?.querySelectorAll('a') ?? []).map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Upload a license', '/billing'],
      ['or deactivate people who no longer need tracking', '/people'],
    ]);
  });

  it('shows no seat banner within the plan, nor to roles that cannot change billing', async () => {
    const within = await render('owner', null, { seatsInUse: 5, licensedSeats: 5 });
    expect(
      (within.fixture.nativeElement as HTMLElement).querySelector('[data-testid="seat-banner"]'),
    ).toBeNull();
    TestBed.resetTestingModule();
    const admin = await render('admin');
    admin.http.expectNone(SEATS_URL);
    expect(
      (admin.fixture.nativeElement as HTMLElement).querySelector('[data-testid="seat-banner"]'),
    ).toBeNull();
  });

  it('marks every page while demo data is loaded, and removes it after a confirmation', async () => {
    const { fixture, http } = await render('owner', null, undefined, demoStatus('loaded'));
    const root = fixture.nativeElement as HTMLElement;
    const demoBanner = root.querySelector<HTMLElement>('[data-testid="demo-banner"]');
    expect(demoBanner?.textContent).toContain('Demo data');
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValueOnce(false);
    root.querySelector<HTMLButtonElement>('[data-testid="demo-remove"]')?.click();
    await settle(fixture);
    http.expectNone(DEMO_URL);
    confirm.mockReturnValueOnce(true);
    root.querySelector<HTMLButtonElement>('[data-testid="demo-remove"]')?.click();
    // Not settle: while the removal runs its progress is polled, so the fixture is never stable.
    await start(fixture);
    http
      .expectOne((r) => r.url === DEMO_URL && r.method === 'DELETE')
      .flush(demoStatus('removing', { done: 10, total: 50 }));
    await start(fixture);
    await start(fixture);
    http
      .expectOne((r) => r.url === DEMO_URL && r.method === 'GET')
      .flush(demoStatus('removing', { done: 25, total: 50 }));
    await start(fixture);
    await start(fixture);
    expect(root.querySelector('[data-testid="demo-banner"]')?.textContent).toContain(
      'Removing demo data… 50%',
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await start(fixture);
    http.expectOne((r) => r.url === DEMO_URL && r.method === 'GET').flush(demoStatus('none'));
    await settle(fixture);
    expect(root.querySelector('[data-testid="demo-banner"]')).toBeNull();
    confirm.mockRestore();
  });

  it('shows no demo banner without demo data, nor to roles that cannot manage the organization', async () => {
    const none = await render('owner');
    expect(
      (none.fixture.nativeElement as HTMLElement).querySelector('[data-testid="demo-banner"]'),
    ).toBeNull();
    TestBed.resetTestingModule();
    const hr = await render('hr');
    hr.http.expectNone(DEMO_URL);
    expect(
      (hr.fixture.nativeElement as HTMLElement).querySelector('[data-testid="demo-banner"]'),
    ).toBeNull();
  });
});
