import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Ui } from '@app/shared/ui/confirm';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { MyScreenshots } from './my-screenshots';

const SHOT = {
  id: 's1',
  employeeId: 'e1',
  deviceId: 'd1',
  capturedAt: new Date().toISOString(),
  width: 1920,
  height: 1080,
  blur: 'none',
};

const WINDOW_PASSED =
  'A screenshot can be deleted by its employee within 24 hours of its capture; that time has passed.';

describe('MyScreenshots', () => {
  let notify: jest.SpyInstance;

  beforeEach(() => {
    signInAs('employee', { employeeId: 'e1' });
    TestBed.configureTestingModule({ providers: provideTestApp() });
    notify = jest.spyOn(TestBed.inject(Ui), 'notify').mockImplementation(() => undefined);
    URL.createObjectURL = jest.fn(() => 'blob:test/1');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(window, 'confirm').mockReturnValue(true);
  });

  afterEach(() => jest.restoreAllMocks());

  async function render(items: unknown[]) {
    const fixture = TestBed.createComponent(MyScreenshots);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne((r) => r.url === '/api/v1/me/screenshots').flush({ items, nextCursor: null });
    await settle(fixture);
    for (const r of http.match((r) => r.url.endsWith('/thumbnail'))) r.flush(new Blob(['t']));
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const deleteButton = () =>
      el.querySelector<HTMLButtonElement>('[data-testid="my-screenshots"] button');
    return { fixture, http, el, deleteButton };
  }

  it('says screenshots are off when there are none and no notice covers them', async () => {
    const { el } = await render([]);
    expect(el.querySelector('[data-testid="screenshots-off"]')?.textContent).toContain(
      'Screenshots are off',
    );
  });

  it('deletes one and asks for the list again', async () => {
    const { fixture, http, el, deleteButton } = await render([SHOT]);
    expect(el.querySelector('img')?.getAttribute('src')).toBe('blob:test/1');
    deleteButton()?.click();
    const del = http.expectOne('/api/v1/me/screenshots/s1');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    // The reload is pending until flushed: settling first would wait for it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await start(fixture);
    expect(notify).toHaveBeenCalledWith('Screenshot deleted');
    http
      .expectOne((r) => r.url === '/api/v1/me/screenshots')
      .flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(el.querySelector('[data-testid="my-screenshots"]')).toBeNull();
  });

  it('shows the server’s message when the delete window has passed (409)', async () => {
    const { fixture, http, el, deleteButton } = await render([SHOT]);
    deleteButton()?.click();
    http.expectOne('/api/v1/me/screenshots/s1').flush(
      {
        type: 'https://calltimex.dev/problems/delete-window-passed',
        title: 'Conflict',
        status: 409,
        detail: WINDOW_PASSED,
        code: 'delete-window-passed',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(el.querySelector('[data-testid="my-screenshots-error"]')?.textContent).toContain(
      WINDOW_PASSED,
    );
    expect(el.querySelector('[data-testid="my-screenshots"]')).not.toBeNull();
  });
});
