import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { AuditEntry } from '@app/api/models';
import { I18n } from '@app/core/i18n/i18n.service';
import { Downloads } from '@app/shared/data/downloads';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Audit } from './audit';

const ENTRY: AuditEntry = {
  id: 'a1',
  seq: 7,
  at: '2026-11-02T09:30:00Z',
  actorUserId: 'u1',
  actorRole: 'owner',
  actorName: 'Olga Owner',
  actorEmail: 'olga@example.com',
  action: 'team.renamed',
  targetType: 'team',
  targetId: 't1',
  subjectEmployeeId: null,
  subjectEmployeeName: null,
  targetName: 'Care',
  details: {},
  clientAddress: '203.0.113.9',
  hash: 'h',
  prevHash: 'p',
};

const DEVICE: AuditEntry = {
  ...ENTRY,
  id: 'a2',
  seq: 6,
  actorUserId: null,
  actorRole: null,
  actorName: null,
  actorEmail: null,
  action: 'device.enrolled',
  targetType: 'device',
  subjectEmployeeId: 'e1',
  subjectEmployeeName: 'Dora Device',
  clientAddress: null,
};

const UNKNOWN: AuditEntry = {
  ...ENTRY,
  id: 'a3',
  seq: 5,
  actorUserId: 'gone',
  actorName: null,
  actorEmail: null,
  action: 'future.thing',
  subjectEmployeeId: 'erased',
  subjectEmployeeName: null,
};

const isAuditList = (r: { url: string; method: string }) =>
  r.url === '/api/v1/audit' && r.method === 'GET';

describe('Audit log page', () => {
  beforeEach(() => localStorage.clear());

  async function render(items: AuditEntry[]) {
    signInAs('owner');
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Audit);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/users')
      .flush({
        items: [
          { id: 'u1', email: 'olga@example.com', role: 'owner', fullName: 'Olga Owner' },
          { id: 'u2', email: 'hal@example.com', role: 'hr', fullName: 'Hal HR' },
        ],
        page: 1,
        pageSize: 200,
        total: 2,
      });
    http
      .expectOne((r) => r.url === '/api/v1/employees')
      .flush({
        items: [{ id: 'e1', fullName: 'Dora Device', email: 'd@example.com' }],
        page: 1,
        pageSize: 200,
        total: 1,
      });
    http.expectOne(isAuditList).flush({ items, page: 1, pageSize: 50, total: items.length });
    await settle(fixture);
    return { fixture, http, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  /** Waits (zoneless) for the page to ask for the list again and answers it. */
  async function reloaded(
    fixture: ComponentFixture<Audit>,
    http: HttpTestingController,
    items: AuditEntry[],
  ): Promise<TestRequest> {
    for (let i = 0; i < 40; i++) {
      const pending = http.match(isAuditList);
      if (pending.length > 0) {
        const last = pending[pending.length - 1];
        last.flush({ items, page: 1, pageSize: 50, total: items.length });
        await settle(fixture);
        return last;
      }
      await new Promise((r) => setTimeout(r, 25));
      await start(fixture);
    }
    throw new Error('the audit list was not reloaded');
  }

  it('shows names, actions in words, whose data and the address instead of ids', async () => {
    const { fixture } = await render([ENTRY, DEVICE, UNKNOWN]);
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Olga Owner');
    expect(text).toContain('Renamed a team');
    expect(text).toContain('Care');
    expect(text).toContain('Device enrolled');
    expect(text).toContain('System');
    expect(text).toContain('Dora Device');
    expect(text).toContain('203.0.113.9');
    // Unknown actions are shown as they are; removed users and erased people say so.
    expect(text).toContain('future.thing');
    expect(text).toContain('Removed user');
    expect(text).toContain('Erased person');
    expect(text).not.toContain('u1');
  });

  it('says what appears here when the log is empty', async () => {
    const { fixture } = await render([]);
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Sign-ins, changes to people, teams, devices');
  });

  it('filters by who, what and whose data, from the first page', async () => {
    const { fixture, http, loader } = await render([ENTRY]);
    const who = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="audit-filter-who"]' }),
    );
    await who.open();
    const pickedWho = who.clickOptions({ text: 'Hal HR' });
    let req = await reloaded(fixture, http, []);
    await pickedWho;
    expect(req.request.params.get('actorUserId')).toBe('u2');
    expect(req.request.params.get('page')).toBe('1');

    const what = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="audit-filter-what"]' }),
    );
    await what.open();
    const pickedWhat = what.clickOptions({ text: 'Teams' });
    req = await reloaded(fixture, http, []);
    await pickedWhat;
    expect(req.request.params.get('action')).toBe('team.');

    const whose = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="audit-filter-whose"]' }),
    );
    await whose.open();
    const pickedWhose = whose.clickOptions({ text: 'Dora Device' });
    req = await reloaded(fixture, http, []);
    await pickedWhose;
    expect(req.request.params.get('subjectEmployeeId')).toBe('e1');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'No entries match these filters.',
    );
  });

  it('turns a day range into the viewer’s local midnights', async () => {
    const { fixture, http } = await render([ENTRY]);
    const page = fixture.componentInstance as unknown as {
      fromDay: { set(d: Date | null): void };
      toDay: { set(d: Date | null): void };
    };
    page.fromDay.set(new Date(2026, 10, 2));
    page.toDay.set(new Date(2026, 10, 3));
    const req = await reloaded(fixture, http, []);
    expect(req.request.params.get('from')).toBe(new Date(2026, 10, 2).toISOString());
    expect(req.request.params.get('to')).toBe(new Date(2026, 10, 4).toISOString());
  });

  it('exports CSV with the current filters', async () => {
    const { fixture, http, loader } = await render([ENTRY]);
    const save = jest.spyOn(TestBed.inject(Downloads), 'save').mockResolvedValue();
    const what = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="audit-filter-what"]' }),
    );
    await what.open();
    const pickedWhat = what.clickOptions({ text: 'Devices' });
    await reloaded(fixture, http, []);
    await pickedWhat;
    const button = await loader.getHarness(
      MatButtonHarness.with({ selector: '[data-testid="audit-export"]' }),
    );
    await button.click();
    expect(save).toHaveBeenCalledWith(
      '/audit/export.csv?action=device.&lang=en',
      expect.stringMatching(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/),
    );
    // The file follows the console's language.
    await TestBed.inject(I18n).use('uk');
    await settle(fixture);
    await button.click();
    expect(save).toHaveBeenLastCalledWith(
      '/audit/export.csv?action=device.&lang=uk',
      expect.stringMatching(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/),
    );
  });
});
