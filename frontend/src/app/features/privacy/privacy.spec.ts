import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Privacy } from './privacy';
import { STARTER_NOTICE } from './starter-notice';

const PUBLISHED = {
  id: 'n1',
  version: 3,
  status: 'published',
  publishedAt: '2026-11-02T08:00:00Z',
  texts: { en: 'We record apps.', ru: 'Мы записываем приложения.', uk: 'Ми записуємо застосунки.' },
};

describe('Privacy: monitoring notice', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('owner');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(notices: unknown[], missing: { version: number | null; items: unknown[] }) {
    const fixture = TestBed.createComponent(Privacy);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/privacy/requests')
      .flush({
        items: [],
        page: 1,
        pageSize: 100,
        total: 0,
      });
    http
      .expectOne((r) => r.url === '/api/v1/employees')
      .flush({ items: [], page: 1, pageSize: 200, total: 0 });
    http.expectOne('/api/v1/privacy/notices').flush({ items: notices });
    http.expectOne('/api/v1/privacy/notices/current/missing-acknowledgements').flush(missing);
    http.expectOne('/api/v1/privacy/policy/versions').flush({ items: [] });
    await settle(fixture);
    const tabs = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatTabGroupHarness);
    await tabs.selectTab({ label: 'Monitoring notice' });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const texts = () =>
      Array.from(el.querySelectorAll<HTMLTextAreaElement>('textarea')).map((t) => [
        t.getAttribute('lang'),
        t.value,
      ]);
    return { el, texts };
  }

  it('without a notice, says agents already record and offers a starter text in each language', async () => {
    const { el, texts } = await render([], { version: null, items: [] });
    expect(el.textContent).toContain(
      'No monitoring notice is published yet. Agents already record',
    );
    expect(el.textContent).not.toContain('record nothing');
    expect(texts()).toEqual([
      ['en', STARTER_NOTICE.en],
      ['ru', STARTER_NOTICE.ru],
      ['uk', STARTER_NOTICE.uk],
    ]);
    // Nobody can have acknowledged a notice that does not exist: no "everyone has" claim.
    expect(el.textContent).not.toContain('Everyone has acknowledged');
    expect(el.textContent).not.toContain('Who has not acknowledged');
  });

  it('with a published notice, edits its texts and lists who has not acknowledged it', async () => {
    const { el, texts } = await render([PUBLISHED], {
      version: 3,
      items: [{ employeeId: 'e1', fullName: 'Ada Lovelace', email: 'ada@example.com' }],
    });
    expect(el.textContent).toContain('Version 3');
    expect(el.textContent).not.toContain('No monitoring notice is published yet');
    expect(texts()).toEqual([
      ['en', 'We record apps.'],
      ['ru', 'Мы записываем приложения.'],
      ['uk', 'Ми записуємо застосунки.'],
    ]);
    expect(el.textContent).toContain('Who has not acknowledged the current notice');
    expect(el.textContent).toContain('Ada Lovelace');
  });
});
