import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { AllocationRules } from './allocation-rules';
import { MyDay } from './my-day';
import { ProjectReportPage } from './project-report';
import { Projects } from './projects';

const PROJECT = {
  id: 'p1',
  name: 'Website',
  clientId: 'c1',
  code: 'WEB',
  billable: true,
  hourlyRate: 90,
  budgetHours: 100,
  budgetEndsOn: null,
  archived: false,
};

async function closed(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
  }
  expect(document.querySelector('mat-dialog-container')).toBeNull();
}

/** Waits (under load, dialogs and reloads take a few turns) for exactly one matching request. */
async function awaitRequest(
  http: HttpTestingController,
  fixture: ComponentFixture<unknown>,
  match: (r: { method: string; url: string }) => boolean,
) {
  let found = http.match(match);
  for (let i = 0; i < 60 && found.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
    found = http.match(match);
  }
  expect(found).toHaveLength(1);
  return found[0];
}

function flushLists(http: HttpTestingController, projects: object[]): void {
  http.expectOne((r) => r.url === '/api/v1/projects').flush({ items: projects });
  http
    .expectOne((r) => r.url === '/api/v1/clients')
    .flush({ items: [{ id: 'c1', name: 'Acme', domain: 'acme.com', archived: false }] });
  http
    .expectOne((r) => r.url === '/api/v1/teams')
    .flush({ items: [{ id: 't1', name: 'Delivery' }], page: 1, pageSize: 200, total: 1 });
  http
    .expectOne((r) => r.url === '/api/v1/employees')
    .flush({ items: [], page: 1, pageSize: 200, total: 0 });
}

describe('Projects', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('hr');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('lists projects with their client, rate and budget', async () => {
    const fixture = TestBed.createComponent(Projects);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    flushLists(http, [PROJECT]);
    await settle(fixture);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const cells = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(cells['name']?.text).toEqual(['Website']);
    expect(cells['client']?.text).toEqual(['Acme']);
    expect(cells['rate']?.text).toEqual(['90']);
    expect(cells['budget']?.text).toEqual(['100']);
    expect(cells['status']?.text).toEqual(['Active']);
  });

  it('says what to do when there are no projects', async () => {
    const fixture = TestBed.createComponent(Projects);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    flushLists(http, []);
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="empty"]')?.textContent).toContain(
      'Create the first project to start allocating time',
    );
  });

  it('creates a project through the dialog', async () => {
    const fixture = TestBed.createComponent(Projects);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    flushLists(http, []);
    await settle(fixture);
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('[data-testid="add-project"]')!
      .click();
    await start(fixture);
    for (let i = 0; i < 40 && !document.querySelector('mat-dialog-container input'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      await start(fixture);
    }
    const name = document.querySelector<HTMLInputElement>('mat-dialog-container input')!;
    name.value = 'Mobile app';
    name.dispatchEvent(new Event('input'));
    await start(fixture);
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const created = await awaitRequest(
      http,
      fixture,
      (r) => r.method === 'POST' && r.url === '/api/v1/projects',
    );
    expect(created.request.body).toMatchObject({ name: 'Mobile app', billable: true });
    created.flush({ ...PROJECT, id: 'p2', name: 'Mobile app' });
    await closed(fixture);
    (
      await awaitRequest(http, fixture, (r) => r.method === 'GET' && r.url === '/api/v1/projects')
    ).flush({
      items: [PROJECT],
    });
  });

  it('archives a project', async () => {
    const fixture = TestBed.createComponent(Projects);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    flushLists(http, [PROJECT]);
    await settle(fixture);
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('button[aria-label="Archive"]')!
      .click();
    await start(fixture);
    const req = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/v1/projects/p1');
    expect(req.request.body).toEqual({ archived: true });
    req.flush({ ...PROJECT, archived: true });
    await new Promise((r) => setTimeout(r, 0));
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/projects')
      .flush({ items: [{ ...PROJECT, archived: true }] });
  });
});

describe('AllocationRules', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('hr');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('lists rules with their project and scope', async () => {
    const fixture = TestBed.createComponent(AllocationRules);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/allocation-rules')
      .flush({
        items: [
          {
            id: 'r1',
            kind: 'title',
            pattern: 'PROJ-*',
            projectId: 'p1',
            taskId: null,
            teamId: null,
          },
        ],
      });
    http.expectOne((r) => r.url === '/api/v1/projects').flush({ items: [PROJECT] });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({ items: [], page: 1, pageSize: 200, total: 0 });
    await settle(fixture);
    const cells = await (
      await TestbedHarnessEnvironment.loader(fixture).getHarness(MatTableHarness)
    ).getCellTextByColumnName();
    expect(cells['kind']?.text).toEqual(['Window title']);
    expect(cells['pattern']?.text).toEqual(['PROJ-*']);
    expect(cells['project']?.text).toEqual(['Website']);
    expect(cells['scope']?.text).toEqual(['Whole organization']);
  });
});

describe('ProjectReportPage', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('manager');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('charts hours by project with totals', async () => {
    const fixture = TestBed.createComponent(ProjectReportPage);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/reports/projects');
    expect(req.request.params.get('groupBy')).toBe('project');
    req.flush({
      from: '2026-11-01',
      to: '2026-11-30',
      groupBy: 'project',
      currency: 'EUR',
      totalSeconds: 5 * 3600,
      unallocatedSeconds: 3600,
      amount: 360,
      rows: [
        {
          id: 'p1',
          name: 'Website',
          seconds: 4 * 3600,
          billableSeconds: 4 * 3600,
          amount: 360,
          budgetHours: 100,
          budgetUsedPercent: 4,
        },
        {
          id: null,
          name: 'Unallocated',
          seconds: 3600,
          billableSeconds: 0,
          amount: 0,
          budgetHours: null,
          budgetUsedPercent: null,
        },
      ],
    });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="report-totals"]')?.textContent).toContain(
      'Total 5 h, unallocated 1 h, billable amount 360 EUR',
    );
    expect(el.querySelectorAll('ctx-bar-list li')).toHaveLength(2);
    const cells = await (
      await TestbedHarnessEnvironment.loader(fixture).getHarness(MatTableHarness)
    ).getCellTextByColumnName();
    expect(cells['name']?.text).toEqual(['Website', 'Unallocated']);
    expect(cells['budget']?.text).toEqual(['4 %', '—']);
  });
});

describe('MyDay', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('employee');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('allocates the chosen unallocated stretches to a project in one request', async () => {
    const fixture = TestBed.createComponent(MyDay);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/project-time/day')
      .flush({
        day: '2026-12-03',
        employeeId: 'e1',
        activeSeconds: 7200,
        unallocatedSeconds: 3600,
        pieces: [
          {
            start: '2026-12-03T09:00:00.000Z',
            end: '2026-12-03T10:00:00.000Z',
            seconds: 3600,
            projectId: 'p1',
            taskId: null,
            overrideId: null,
          },
          {
            start: '2026-12-03T10:00:00.000Z',
            end: '2026-12-03T10:30:00.000Z',
            seconds: 1800,
            projectId: null,
            taskId: null,
            overrideId: null,
          },
          {
            start: '2026-12-03T11:00:00.000Z',
            end: '2026-12-03T11:30:00.000Z',
            seconds: 1800,
            projectId: null,
            taskId: null,
            overrideId: null,
          },
        ],
      });
    http.expectOne((r) => r.url === '/api/v1/projects').flush({ items: [PROJECT] });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="day-totals"]')?.textContent).toContain(
      'Tracked 2 h, of which 1 h not allocated',
    );
    const boxes = el.querySelectorAll<HTMLInputElement>('mat-checkbox input');
    expect(boxes).toHaveLength(2);
    boxes.forEach((b) => b.click());
    (fixture.componentInstance as unknown as { projectId: { set(v: string): void } }).projectId.set(
      'p1',
    );
    await start(fixture);
    el.querySelector<HTMLButtonElement>('[data-testid="allocate"]')!.click();
    await start(fixture);
    const post = http.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/v1/project-time/allocations',
    );
    expect(post.request.body).toEqual({
      projectId: 'p1',
      ranges: [
        { start: '2026-12-03T10:00:00.000Z', end: '2026-12-03T10:30:00.000Z' },
        { start: '2026-12-03T11:00:00.000Z', end: '2026-12-03T11:30:00.000Z' },
      ],
    });
    post.flush({ items: [] });
    await new Promise((r) => setTimeout(r, 0));
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/project-time/day')
      .flush({
        day: '2026-12-03',
        employeeId: 'e1',
        activeSeconds: 7200,
        unallocatedSeconds: 0,
        pieces: [],
      });
    await settle(fixture);
    expect(el.querySelector('[data-testid="all-allocated"]')).not.toBeNull();
  });
});
