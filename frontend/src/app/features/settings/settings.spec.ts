import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatCardHarness } from '@angular/material/card/testing';
import { Ui } from '@app/shared/ui/confirm';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Settings } from './settings';

const CLOSURE_URL = '/api/v1/privacy/organization-closure';
const CLOSURE = { closedAt: '2026-05-01T10:00:00.000Z', purgeAt: '2026-05-31T10:00:00.000Z' };
const CLOSED = { closed: true, ...CLOSURE };
const MAIL_URL = '/api/v1/settings/mail';
const MAIL_DEFAULTS = {
  source: 'outbox',
  configured: false,
  host: '',
  port: 587,
  security: 'starttls',
  username: null,
  hasPassword: false,
  from: 'CallTimeX <no-reply@calltimex.local>',
  updatedAt: null,
};
const NOT_CLOSED = {
  body: { closed: false, closedAt: null, purgeAt: null },
  init: { status: 200, statusText: 'OK' },
};

describe('Settings', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  async function render(role: Parameters<typeof signInAs>[0]) {
    signInAs(role);
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Settings);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http
      .expectOne('/api/v1/organizations/current')
      .flush({ id: 'o1', name: 'Acme', defaultTimeZone: 'UTC', locale: 'en', createdAt: '' });
    http
      .expectOne('/api/v1/settings/data-collection')
      .flush({ collectTitles: true, urlMode: 'full', updatedAt: null });
    http.expectOne('/api/v1/privacy/retention').flush({
      rawActivityDays: 365,
      dailyTotalsDays: 730,
      exportFileDays: 7,
      auditDays: 730,
    });
    http.expectOne('/api/v1/notifications/preferences').flush({ items: [] });
    if (role === 'owner' || role === 'admin') http.expectOne(MAIL_URL).flush(MAIL_DEFAULTS);
    return { fixture, http, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  function closureCard(fixture: ComponentFixture<Settings>): HTMLElement | null {
    return (fixture.nativeElement as HTMLElement).querySelector('[data-testid="closure"]');
  }

  function button(card: HTMLElement, text: string): HTMLButtonElement {
    const found = [...card.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
    if (!found) throw new Error(`no "${text}" button in: ${card.textContent}`);
    return found;
  }

  /** Lets a write and the reload after it reach the testing backend (settle would wait on them). */
  async function flushTasks(fixture: ComponentFixture<Settings>): Promise<void> {
    for (let i = 0; i < 3; i++) await start(fixture);
  }

  it('lets the owner close an open organization after confirming, then shows the dates', async () => {
    const { fixture, http, loader } = await render('owner');
    const get = http.expectOne(CLOSURE_URL);
    expect(get.request.method).toBe('GET');
    // While the organization is open the API says so: not an error, not "unavailable".
    get.flush(NOT_CLOSED.body, NOT_CLOSED.init);
    await settle(fixture);

    const card = closureCard(fixture)!;
    expect(
      await (await loader.getHarness(MatCardHarness.with({ title: /Close the/ }))).getText(),
    ).toContain('deletes all of its data 30 days later');
    expect(card.querySelector('[data-testid="error"]')).toBeNull();
    expect(card.querySelector('[data-testid="unavailable"]')).toBeNull();

    const confirm = jest.spyOn(TestBed.inject(Ui), 'confirm').mockReturnValue(true);
    button(card, 'Close the organization').click();
    await flushTasks(fixture);
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('deleted in 30 days'));
    const post = http.expectOne(CLOSURE_URL);
    expect(post.request.method).toBe('POST');
    post.flush(CLOSURE, { status: 201, statusText: 'Created' });
    await flushTasks(fixture);

    const reload = http.expectOne(CLOSURE_URL);
    expect(reload.request.method).toBe('GET');
    reload.flush(CLOSED);
    await settle(fixture);

    const text = closureCard(fixture)!.textContent ?? '';
    expect(text).toMatch(
      /Closed on May 1, 2026, 10:00\sAM; all data will be deleted on May 31, 2026/,
    );
    expect(text).toContain('Reopen the organization');
    expect(text).not.toContain('deletes all of its data 30 days later');
  });

  it('sends nothing when the owner does not confirm', async () => {
    const { fixture, http } = await render('owner');
    http.expectOne(CLOSURE_URL).flush(NOT_CLOSED.body, NOT_CLOSED.init);
    await settle(fixture);
    jest.spyOn(TestBed.inject(Ui), 'confirm').mockReturnValue(false);
    button(closureCard(fixture)!, 'Close the organization').click();
    await flushTasks(fixture);
    http.expectNone(CLOSURE_URL);
  });

  it('reopens a closed organization with DELETE', async () => {
    const { fixture, http } = await render('owner');
    http.expectOne(CLOSURE_URL).flush(CLOSED);
    await settle(fixture);
    expect(closureCard(fixture)!.textContent).toContain('all data will be deleted on May 31, 2026');

    button(closureCard(fixture)!, 'Reopen the organization').click();
    await flushTasks(fixture);
    const del = http.expectOne(CLOSURE_URL);
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    await flushTasks(fixture);

    http.expectOne({ url: CLOSURE_URL, method: 'GET' }).flush(NOT_CLOSED.body, NOT_CLOSED.init);
    await settle(fixture);
    const card = closureCard(fixture)!;
    expect(card.querySelector('[data-testid="error"]')).toBeNull();
    expect(button(card, 'Close the organization').classList).toContain('danger');
    expect(card.textContent).not.toContain('Closed on');
  });

  it('shows a real failure to load the closure as an error', async () => {
    const { fixture, http } = await render('owner');
    http
      .expectOne(CLOSURE_URL)
      .flush({ status: 500, title: 'Internal Server Error' }, { status: 500, statusText: 'Error' });
    await settle(fixture);
    expect(closureCard(fixture)!.querySelector('[data-testid="error"]')?.textContent).toContain(
      'The server failed to do this.',
    );
  });

  it('does not show the card, nor ask for the closure, to an admin', async () => {
    const { fixture, http } = await render('admin');
    await settle(fixture);
    http.expectNone(CLOSURE_URL);
    expect(closureCard(fixture)).toBeNull();
    expect((fixture.nativeElement as HTMLElement).textContent).not.toContain(
      'Close the organization',
    );
    http.verify();
  });

  it('lets an admin set the mail server, keeps an empty password out, and shows the test result', async () => {
    const { fixture, http } = await render('admin');
    await settle(fixture);
    const card = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(
      '[data-testid="mail-server"]',
    )!;
    expect(card.querySelector('[data-testid="mail-route"]')?.textContent).toContain(
      'nobody receives them',
    );
    const input = (name: string) => card.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    const type = (name: string, value: string) => {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input'));
    };
    type('host', 'smtp.acme.test');
    type('username', 'relay');
    type('from', 'Acme <hr@acme.test>');
    await settle(fixture);
    button(card, 'Save').click();
    await flushTasks(fixture);
    const put = http.expectOne({ url: MAIL_URL, method: 'PUT' });
    // No password typed: none is sent, so the stored one stays.
    expect(put.request.body).toEqual({
      host: 'smtp.acme.test',
      port: 587,
      security: 'starttls',
      username: 'relay',
      from: 'Acme <hr@acme.test>',
    });
    put.flush({ ...MAIL_DEFAULTS, source: 'console', configured: true });
    await flushTasks(fixture);
    http.expectOne({ url: MAIL_URL, method: 'GET' }).flush({
      ...MAIL_DEFAULTS,
      source: 'console',
      configured: true,
      host: 'smtp.acme.test',
      username: 'relay',
      hasPassword: true,
      from: 'Acme <hr@acme.test>',
    });
    await settle(fixture);
    expect(card.textContent).toContain('A password is stored; leave empty to keep it.');

    type('testTo', 'it@acme.test');
    await settle(fixture);
    button(card, 'Send test mail').click();
    await flushTasks(fixture);
    const test = http.expectOne({ url: `${MAIL_URL}/test`, method: 'POST' });
    expect(test.request.body).toEqual({ to: 'it@acme.test' });
    test.flush({
      delivered: false,
      source: 'console',
      error: '535 5.7.8 Authentication credentials invalid',
      response: null,
      durationMs: 40,
    });
    await settle(fixture);
    const result = card.querySelector('[data-testid="test-result"]')!;
    expect(result.getAttribute('role')).toBe('alert');
    expect(result.textContent).toContain('Not sent: 535 5.7.8 Authentication credentials invalid');
    http.verify();
  });
});
