import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { Ui } from '@app/shared/ui/confirm';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { ScreenshotSettingsCard } from './screenshot-settings';

const ORGANIZATION = {
  enabled: false,
  intervalSeconds: 600,
  randomize: false,
  blur: 'none',
  excludedApps: ['KeePassXC'],
  excludedSites: [],
  retentionDays: 30,
  deleteWindowHours: 24,
};

const NOT_COVERED =
  'Screenshots can be turned on only under a published monitoring notice version that covers them: publish one with coversScreenshots set first.';

describe('ScreenshotSettingsCard', () => {
  let notify: jest.SpyInstance;

  beforeEach(() => {
    signInAs('hr');
    TestBed.configureTestingModule({ providers: provideTestApp() });
    notify = jest.spyOn(TestBed.inject(Ui), 'notify').mockImplementation(() => undefined);
  });

  async function render() {
    const fixture = TestBed.createComponent(ScreenshotSettingsCard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/settings/screenshots').flush({ organization: ORGANIZATION, teams: [] });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({ items: [{ id: 't1', name: 'Support' }], page: 1, pageSize: 200, total: 1 });
    await settle(fixture);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    return { fixture, http, loader, el: fixture.nativeElement as HTMLElement };
  }

  it('turns screenshots on for the organization with the values shown', async () => {
    const { fixture, http, loader } = await render();
    await (
      await loader.getHarness(MatSlideToggleHarness.with({ label: 'Take screenshots' }))
    ).check();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    const put = http.expectOne('/api/v1/settings/screenshots');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ ...ORGANIZATION, enabled: true });
    put.flush({ ...ORGANIZATION, enabled: true });
    // The reload is pending until flushed: settling first would wait for it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await start(fixture);
    expect(notify).toHaveBeenCalledWith('Screenshot settings saved');
    http.expectOne('/api/v1/settings/screenshots').flush({
      organization: { ...ORGANIZATION, enabled: true },
      teams: [],
    });
    await settle(fixture);
  });

  it('on 409 notice-does-not-cover-screenshots shows the server’s message and what to do', async () => {
    const { fixture, http, loader, el } = await render();
    await (
      await loader.getHarness(MatSlideToggleHarness.with({ label: 'Take screenshots' }))
    ).check();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    http.expectOne('/api/v1/settings/screenshots').flush(
      {
        type: 'https://calltimex.dev/problems/notice-does-not-cover-screenshots',
        title: 'Conflict',
        status: 409,
        detail: NOT_COVERED,
        code: 'notice-does-not-cover-screenshots',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    const alert = el.querySelector('[data-testid="notice-conflict"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain(NOT_COVERED);
    expect(alert?.textContent).toContain('This notice covers screenshots');
    expect(notify).not.toHaveBeenCalled();
  });
});
