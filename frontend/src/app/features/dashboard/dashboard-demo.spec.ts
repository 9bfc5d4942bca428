import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideTestApp, signInAs, start } from '../../../testing/providers';
import { Dashboard } from './dashboard';

const DEMO_URL = '/api/v1/demo';

function demoStatus(
  state: string,
  canLoad: boolean,
  progress: { done: number; total: number } | null = null,
) {
  return {
    state,
    canLoad,
    reason: canLoad ? null : 'The organization already has employees.',
    counts: { teams: 0, employees: 0, rules: 0 },
    progress,
    seed: null,
    days: null,
    startedAt: null,
    error: null,
  };
}

describe('Dashboard demo offer', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  async function render(role: 'owner' | 'hr', status: ReturnType<typeof demoStatus> | null) {
    signInAs(role);
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Dashboard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    if (status) http.expectOne((r) => r.url === DEMO_URL && r.method === 'GET').flush(status);
    else http.expectNone(DEMO_URL);
    await start(fixture);
    await start(fixture);
    return { fixture, http, root: fixture.nativeElement as HTMLElement };
  }

  it('offers an owner of an empty organization to load demo data, and shows its progress', async () => {
    const { fixture, http, root } = await render('owner', demoStatus('none', true));
    const emptySummary = { from: '', to: '', rows: [] };
    for (const req of http.match((r) => r.url === '/api/v1/reports/summary'))
      req.flush(emptySummary);
    const offer = root.querySelector('[data-testid="demo-offer"]');
    expect(offer?.textContent).toContain('load demo data');
    expect(offer?.textContent).toContain('50 people in several time zones');
    root.querySelector<HTMLButtonElement>('[data-testid="demo-load"]')?.click();
    await start(fixture);
    const post = http.expectOne((r) => r.url === DEMO_URL && r.method === 'POST');
    expect(post.request.body).toEqual({});
    post.flush(demoStatus('loading', false, { done: 0, total: 50 }));
    await start(fixture);
    await start(fixture);
    http
      .expectOne((r) => r.url === DEMO_URL && r.method === 'GET')
      .flush(demoStatus('loading', false, { done: 20, total: 50 }));
    await start(fixture);
    await start(fixture);
    expect(root.querySelector('[data-testid="demo-progress"]')?.textContent).toContain(
      'Loading demo data… 40%',
    );
    expect(root.querySelector<HTMLButtonElement>('[data-testid="demo-load"]')?.disabled).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await start(fixture);
    http
      .expectOne((r) => r.url === DEMO_URL && r.method === 'GET')
      .flush({ ...demoStatus('loaded', false), counts: { teams: 4, employees: 50, rules: 4 } });
    await start(fixture);
    await start(fixture);
    expect(root.querySelector('[data-testid="demo-offer"]')).toBeNull();
    // The figures are asked for again once the demo is in (today's summary serves the cards too).
    expect(http.match((r) => r.url === '/api/v1/reports/summary')).toHaveLength(1);
  });

  it('offers nothing to an organization with people, nor to roles that cannot manage it', async () => {
    const owner = await render('owner', demoStatus('none', false));
    expect(owner.root.querySelector('[data-testid="demo-offer"]')).toBeNull();
    TestBed.resetTestingModule();
    const hr = await render('hr', null);
    expect(hr.root.querySelector('[data-testid="demo-offer"]')).toBeNull();
  });
});
