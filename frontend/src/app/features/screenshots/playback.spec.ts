import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { ScreenshotPlayback } from './playback';

const shot = (id: string, capturedAt: string, blur = 'none') => ({
  id,
  employeeId: 'e1',
  deviceId: 'd1',
  capturedAt,
  width: 1920,
  height: 1080,
  blur,
});

describe('ScreenshotPlayback', () => {
  let created: string[];
  let revoked: string[];

  beforeEach(() => {
    signInAs('manager');
    TestBed.configureTestingModule({ providers: provideTestApp() });
    created = [];
    revoked = [];
    URL.createObjectURL = jest.fn(() => {
      const url = `blob:test/${created.length + 1}`;
      created.push(url);
      return url;
    });
    URL.revokeObjectURL = jest.fn((url: string) => void revoked.push(url));
  });

  async function render() {
    const fixture = TestBed.createComponent(ScreenshotPlayback);
    fixture.componentRef.setInput('employeeId', 'e1');
    fixture.componentRef.setInput('day', '2026-12-03');
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/employees/e1').flush({ id: 'e1', fullName: 'Ada Lovelace' });
    http
      .expectOne((r) => r.url === '/api/v1/reports/timeline')
      .flush({
        employeeId: 'e1',
        day: '2026-12-03',
        timeZone: 'UTC',
        activeSeconds: 1800,
        idleSeconds: 0,
        spans: [
          {
            kind: 'active',
            start: '2026-12-03T10:00:00Z',
            end: '2026-12-03T10:15:00Z',
            app: 'Code',
            title: 'playback.ts',
            site: null,
            productivity: 'productive',
          },
          {
            kind: 'active',
            start: '2026-12-03T10:15:00Z',
            end: '2026-12-03T10:30:00Z',
            app: 'Firefox',
            title: 'Docs',
            site: 'angular.dev',
            productivity: 'neutral',
          },
        ],
      });
    const list = http.expectOne((r) => r.url === '/api/v1/screenshots');
    expect(list.request.params.get('employeeId')).toBe('e1');
    list.flush({
      items: [
        shot('s1', '2026-12-03T10:00:00.000Z'),
        shot('s2', '2026-12-03T10:10:00.000Z'),
        shot('s3', '2026-12-03T10:20:00.000Z', 'thumbnails'),
        // The next day in the employee's zone: not part of this day.
        shot('s4', '2026-12-04T00:20:00.000Z'),
      ],
      nextCursor: null,
    });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector(`[data-testid="${id}"]`);
    const key = async (k: string) => {
      q('playback')?.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      await settle(fixture);
    };
    return { fixture, http, el, q, key };
  }

  it('steps with the arrow keys, Home and End, showing the span at each capture', async () => {
    const { fixture, http, q, key } = await render();
    // The first image and the next one (prefetched).
    http.expectOne('/api/v1/screenshots/s1/image').flush(new Blob(['1']));
    http.expectOne('/api/v1/screenshots/s2/image').flush(new Blob(['2']));
    await settle(fixture);
    expect(q('playback-position')?.textContent?.trim()).toMatch(/^1 \/ 3 · 10:00\sAM$/);
    expect(q('playback-span')?.textContent).toContain('Code');
    const img = q('playback-image') as HTMLImageElement;
    expect(img.alt).toMatch(/^Screenshot at 10:00\sAM$/);
    expect(img.getAttribute('src')).toBe('blob:test/1');

    await key('ArrowRight');
    expect(q('playback-position')?.textContent?.trim()).toMatch(/^2 \/ 3 · 10:10\sAM$/);
    expect((q('playback-image') as HTMLImageElement).getAttribute('src')).toBe('blob:test/2');
    // s1 is no longer shown: its object URL is revoked; s3 keeps thumbnails only.
    expect(revoked).toContain('blob:test/1');
    http.expectOne('/api/v1/screenshots/s3/thumbnail').flush(new Blob(['3']));

    await key('End');
    expect(q('playback-position')?.textContent?.trim()).toMatch(/^3 \/ 3 · 10:20\sAM$/);
    expect(q('playback-span')?.textContent).toContain('angular.dev');
    expect(q('thumbnail-note')).not.toBeNull();

    await key('ArrowRight');
    expect(q('playback-position')?.textContent?.trim()).toMatch(/^3 \/ 3 · 10:20\sAM$/);

    await key('Home');
    expect(q('playback-position')?.textContent?.trim()).toMatch(/^1 \/ 3 · 10:00\sAM$/);
    http.expectOne('/api/v1/screenshots/s1/image').flush(new Blob(['1']));
    http.expectOne('/api/v1/screenshots/s2/image').flush(new Blob(['2']));
    await key('ArrowLeft');
    expect(q('playback-position')?.textContent?.trim()).toMatch(/^1 \/ 3 · 10:00\sAM$/);
    http.verify();
  });

  it('shows the thumbnail with a note when the image answers 404', async () => {
    const { fixture, http, q } = await render();
    http
      .expectOne('/api/v1/screenshots/s1/image')
      .flush(new Blob(['{}']), { status: 404, statusText: 'Not Found' });
    http.expectOne('/api/v1/screenshots/s2/image');
    await settle(fixture);
    http.expectOne('/api/v1/screenshots/s1/thumbnail').flush(new Blob(['t1']));
    await settle(fixture);
    const img = q('playback-image') as HTMLImageElement;
    expect(img.alt).toMatch(/^Thumbnail of the screenshot at 10:00\sAM$/);
    expect(q('thumbnail-note')?.textContent).toContain('Only a thumbnail is kept');
  });
});
