import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Webhooks } from './webhooks';

async function closed(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
  }
  expect(document.querySelector('mat-dialog-container')).toBeNull();
}

const submit = () =>
  document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();

const HOOK = {
  id: 'w1',
  url: 'https://hr.example.com/hooks',
  description: 'HR system',
  events: ['employee.created', 'absence.approved'],
  active: true,
  secretHint: 'AbCd',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

describe('Webhooks', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('admin');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(items: object[]) {
    const fixture = TestBed.createComponent(Webhooks);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/webhooks').flush({ items });
    await settle(fixture);
    return {
      fixture,
      http,
      el: fixture.nativeElement as HTMLElement,
      loader: TestbedHarnessEnvironment.loader(fixture),
      root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  it('says what to do when there is no webhook', async () => {
    const { el } = await render([]);
    expect(el.querySelector('[data-testid="empty"]')?.textContent).toContain(
      'No webhooks yet. Create one to have events sent to your systems.',
    );
  });

  it('lists webhooks with their events, state and the end of their secret', async () => {
    const { loader } = await render([HOOK]);
    const table = await loader.getHarness(
      MatTableHarness.with({ selector: '[data-testid="webhooks"]' }),
    );
    const cells = await table.getCellTextByColumnName();
    expect(cells['url']?.text[0]).toContain('https://hr.example.com/hooks');
    expect(cells['events']?.text).toEqual(['Employee created, Absence approved']);
    expect(cells['status']?.text).toEqual(['Active']);
    expect(cells['secret']?.text).toEqual(['…AbCd']);
  });

  it('creates a webhook and shows its secret once', async () => {
    const { fixture, http, el, root } = await render([]);
    el.querySelector<HTMLButtonElement>('[data-testid="create-webhook"]')!.click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    const [url] = await dialog.getAllHarnesses(MatInputHarness);
    await url.setValue('https://hr.example.com/hooks');
    // No event chosen: the dialog says so and sends nothing.
    submit();
    await settle(fixture);
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
      'Choose at least one event.',
    );
    const boxes = await dialog.getAllHarnesses(MatCheckboxHarness);
    expect(boxes).toHaveLength(8);
    await boxes[3].check();
    await boxes[0].check();
    submit();
    await start(fixture);
    const req = http.expectOne('/api/v1/webhooks');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      url: 'https://hr.example.com/hooks',
      description: '',
      events: ['employee.created', 'absence.approved'],
      active: true,
    });
    req.flush({ ...HOOK, secret: 'whsec_secret-value' }, { status: 201, statusText: 'Created' });
    await closed(fixture);
    http.expectOne('/api/v1/webhooks').flush({ items: [HOOK] });
    await settle(fixture);
    expect(el.querySelector('[data-testid="secret-value"]')?.textContent).toBe(
      'whsec_secret-value',
    );
  });

  it('shows a refused URL in the dialog', async () => {
    const { fixture, http, el, root } = await render([]);
    el.querySelector<HTMLButtonElement>('[data-testid="create-webhook"]')!.click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    const [url] = await dialog.getAllHarnesses(MatInputHarness);
    await url.setValue('http://169.254.169.254/');
    await (await dialog.getAllHarnesses(MatCheckboxHarness))[0].check();
    submit();
    await start(fixture);
    http.expectOne('/api/v1/webhooks').flush(
      {
        type: 'https://calltimex.dev/problems/webhook-url-not-allowed',
        status: 400,
        title: 'Webhook URL not allowed',
        detail:
          'The host 169.254.169.254 resolves to 169.254.169.254, a loopback, private, link-local or reserved address.',
        errors: [
          {
            path: 'url',
            message:
              'The host 169.254.169.254 resolves to 169.254.169.254, a loopback, private, link-local or reserved address.',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(document.querySelector('mat-dialog-container [role="alert"]')).not.toBeNull();
    expect(document.querySelector('mat-dialog-container')).not.toBeNull();
  });

  it('sends a test event, then shows the delivery log with response codes and a retry', async () => {
    const { fixture, http, el, loader } = await render([HOOK]);
    const test = [...el.querySelectorAll<HTMLButtonElement>('button')].find(
      (b) => b.textContent?.trim() === 'Send test event',
    );
    test!.click();
    await start(fixture);
    const sent = http.expectOne('/api/v1/webhooks/w1/test');
    expect(sent.request.method).toBe('POST');
    sent.flush({}, { status: 202, statusText: 'Accepted' });
    await start(fixture);
    await start(fixture);
    const log = http.expectOne((r) => r.url === '/api/v1/webhooks/w1/deliveries');
    expect(log.request.params.get('page')).toBe('1');
    log.flush({
      items: [
        {
          id: 'd1',
          webhookId: 'w1',
          eventId: 'e1',
          event: 'webhook.test',
          status: 'failed',
          attempts: 3,
          lastStatusCode: 500,
          lastDurationMs: 12,
          lastError: null,
          nextAttemptAt: null,
          createdAt: '2026-12-01T10:00:00.000Z',
          completedAt: '2026-12-01T10:01:00.000Z',
        },
      ],
      total: 1,
      page: 1,
      pageSize: 25,
    });
    await settle(fixture);
    const table = await loader.getHarness(
      MatTableHarness.with({ selector: '[data-testid="delivery-log"]' }),
    );
    const cells = await table.getCellTextByColumnName();
    expect(cells['event']?.text).toEqual(['Test event']);
    expect(cells['status']?.text).toEqual(['Failed']);
    expect(cells['response']?.text).toEqual(['500']);
    expect(cells['duration']?.text).toEqual(['12 ms']);

    const retry = [
      ...el.querySelectorAll<HTMLButtonElement>('[data-testid="deliveries"] button'),
    ].find((b) => b.textContent?.trim() === 'Retry');
    retry!.click();
    await start(fixture);
    const again = http.expectOne('/api/v1/webhooks/w1/deliveries/d1/retry');
    expect(again.request.method).toBe('POST');
    again.flush({});
    await start(fixture);
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/webhooks/w1/deliveries')
      .flush({
        items: [],
        total: 0,
        page: 1,
        pageSize: 25,
      });
  });
});
