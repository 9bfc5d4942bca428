import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideTestApp } from '../../../testing/providers';
import { I18n } from '../i18n/i18n.service';
import { describeError } from './problem';

const CLOSED = {
  type: 'https://calltimex.dev/problems/organization-closed',
  title: 'Organization closed',
  status: 403,
  detail: 'This organization was closed; all its data will be deleted on 2026-05-31T10:00:00.000Z.',
  purgeAt: '2026-05-31T10:00:00.000Z',
};

function failure(status: number, body: unknown, headers?: Record<string, string>) {
  return new HttpErrorResponse({
    status,
    error: body,
    headers: new HttpHeaders(headers),
    url: '/api/v1/auth/login',
  });
}

describe('describeError', () => {
  let i18n: I18n;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
    i18n = TestBed.inject(I18n);
  });

  it('explains a closed organization in words, with the purge date, not as "forbidden"', () => {
    const text = describeError(failure(403, CLOSED), i18n);
    expect(text).toMatch(
      /^This organization has been closed\. Only its owner can sign in until its data is deleted on May 31, 2026, 10:00\sAM\.$/,
    );
    expect(text).not.toContain('Your role does not allow this');
    expect(text).not.toContain('2026-05-31T10');
  });

  it('reads a problem body that arrives as text, and does without a date', () => {
    const { purgeAt: _purgeAt, ...withoutDate } = CLOSED;
    expect(describeError(failure(403, JSON.stringify(withoutDate)), i18n)).toBe(
      'This organization has been closed. Only its owner can sign in until its data is deleted.',
    );
    expect(describeError(failure(403, { ...CLOSED, purgeAt: 'soon' }), i18n)).toBe(
      'This organization has been closed. Only its owner can sign in until its data is deleted.',
    );
  });

  it('says it in the reader’s language', async () => {
    await i18n.use('uk');
    expect(describeError(failure(403, CLOSED), i18n)).toMatch(
      /^Цю організацію закрито\. Входити може лише її власник, доки дані не буде видалено 31 трав\. 2026 р\., 10:00\.$/,
    );
    await i18n.use('ru');
    expect(describeError(failure(403, CLOSED), i18n)).toContain('31 мая 2026 г.');
  });

  it('keeps the generic texts for other problems', () => {
    expect(
      describeError(
        failure(403, { type: 'https://calltimex.dev/problems/forbidden', detail: 'Owner only.' }),
        i18n,
      ),
    ).toBe('Your role does not allow this. Owner only.');
    expect(describeError(failure(429, {}, { 'Retry-After': '30' }), i18n)).toBe(
      'Too many attempts. Try again in 30 seconds.',
    );
  });
});
