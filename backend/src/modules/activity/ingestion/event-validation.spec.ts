import {
  CARD_NUMBER_MARK,
  checkEvent,
  hostOf,
  parseIsoWithOffset,
  redactCardNumbers,
  stripControlChars,
  truncateChars,
  type CheckedEvent,
} from './event-validation.js';
import { DEFAULT_COLLECTION } from '#src/modules/agent/data-collection/organization-settings.entity.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ID,
    kind: 'active',
    start: '2026-03-10T09:00:00Z',
    end: '2026-03-10T09:05:00Z',
    app: 'Code',
    ...overrides,
  };
}

function accepted(raw: unknown, settings = DEFAULT_COLLECTION): CheckedEvent {
  const result = checkEvent(raw, NOW, settings);
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.event;
}

function reason(raw: unknown): string {
  const result = checkEvent(raw, NOW, DEFAULT_COLLECTION);
  if (result.ok) throw new Error('accepted');
  return result.reason;
}

describe('parseIsoWithOffset', () => {
  it.each([
    ['2026-03-10T09:00:00Z', Date.UTC(2026, 2, 10, 9)],
    ['2026-03-10T09:00:00.5Z', Date.UTC(2026, 2, 10, 9, 0, 0, 500)],
    ['2026-03-10T09:00:00.123456789Z', Date.UTC(2026, 2, 10, 9, 0, 0, 123)],
    ['2026-03-10T11:00:00+02:00', Date.UTC(2026, 2, 10, 9)],
    ['2026-03-10T04:30:00-0430', Date.UTC(2026, 2, 10, 9)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2026-03-10T09:00Z', Date.UTC(2026, 2, 10, 9)],
  ])('reads %s', (text, expected) => {
    expect(parseIsoWithOffset(text)).toBe(expected);
  });

  it.each([
    '2026-03-10T09:00:00',
    '2026-03-10T09:00.5Z',
    '2026-03-10T09Z',
    '2026-03-10 09:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-03-10T24:00:00Z',
    '2026-03-10T09:60:00Z',
    '2026-03-10T09:00:00+25:00',
    '1969-12-31T23:59:59Z',
    '0050-01-01T00:00:00Z',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    expect(parseIsoWithOffset(text)).toBeNaN();
  });
});

describe('truncateChars', () => {
  it('keeps short strings and cuts long ones to the limit', () => {
    expect(truncateChars('abc', 3)).toBe('abc');
    expect(truncateChars('abcdef', 3)).toBe('abc');
  });

  it('counts astral characters once and never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(5);
    expect(truncateChars(emoji, 5)).toBe(emoji);
    expect(truncateChars(emoji, 3)).toBe('😀😀😀');
    expect(truncateChars(`ab${'😀'}`, 3)).toBe(`ab${'😀'}`);
  });
});

describe('hostOf', () => {
  it.each([
    ['https://Docs.Example.COM:8443/path?q=1', 'docs.example.com'],
    ['http://www.example.com', 'www.example.com'],
    ['example.org/page', 'example.org'],
    ['example.org:8080/page', 'example.org'],
    ['http://[::1]:3000/', '[::1]'],
  ])('%s → %s', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });

  it.each(['about:blank', 'file:///C:/x.txt', 'http://', '::::'])('%s has no host', (url) => {
    expect(hostOf(url)).toBeNull();
  });
});

describe('checkEvent', () => {
  it('accepts a well-formed active event and ignores fields it does not know', () => {
    const e = accepted(event({ deviceId: 'someone-else', employeeId: 'x', extra: { a: 1 } }));
    expect(e).toEqual({
      eventId: ID,
      kind: 'active',
      startMs: Date.UTC(2026, 2, 10, 9),
      endMs: Date.UTC(2026, 2, 10, 9, 5),
      app: 'Code',
      title: null,
      url: null,
      host: null,
      rev: 0,
      retracted: false,
      truncated: false,
      sanitized: false,
    });
  });

  it('reads a revision and a retraction, which keeps no name', () => {
    expect(accepted(event({ rev: 3 }))).toMatchObject({ rev: 3, retracted: false, app: 'Code' });
    expect(accepted(event({ rev: 4, deleted: true, title: 'x' }))).toMatchObject({
      rev: 4,
      retracted: true,
      app: null,
      title: null,
    });
  });

  it('lower-cases the event id so letter case does not make a new event', () => {
    expect(accepted(event({ id: ID.toUpperCase() })).eventId).toBe(ID);
  });

  it.each([
    [null, 'event must be an object'],
    [[1], 'event must be an object'],
    ['text', 'event must be an object'],
    [event({ id: 'not-a-uuid' }), 'id must be a UUID'],
    [event({ id: 42 }), 'id must be a UUID'],
    [event({ id: undefined }), 'id must be a UUID'],
    [event({ kind: 'working' }), 'kind must be "active" or "idle"'],
    [event({ kind: undefined }), 'kind must be "active" or "idle"'],
    [event({ start: 'soon' }), 'start must be an ISO 8601 date-time with offset'],
    [event({ start: 1_700_000_000_000 }), 'start must be an ISO 8601 date-time with offset'],
    [event({ end: '2026-03-10T09:05:00' }), 'end must be an ISO 8601 date-time with offset'],
    [event({ end: '2026-03-10T09:00:00Z' }), 'end must be after start'],
    [event({ end: '2026-03-10T08:00:00Z' }), 'end must be after start'],
    [
      event({ start: '2026-03-09T08:59:59Z', end: '2026-03-10T09:00:00Z' }),
      'span is longer than 24 hours',
    ],
    [
      event({ start: '2026-03-10T12:00:00Z', end: '2026-03-10T12:10:01Z' }),
      'end is more than 10 minutes in the future',
    ],
    [event({ app: 5 }), 'app must be a string'],
    [event({ title: { text: 'x' } }), 'title must be a string'],
    [event({ url: ['https://x'] }), 'url must be a string'],
  ])('rejects %j: %s', (raw, expected) => {
    expect(reason(raw)).toBe(expected);
  });

  it('accepts exactly 24 hours and an end exactly 10 minutes ahead', () => {
    expect(
      accepted(event({ start: '2026-03-09T09:00:00Z', end: '2026-03-10T09:00:00Z' })).endMs,
    ).toBe(Date.UTC(2026, 2, 10, 9));
    expect(
      accepted(event({ start: '2026-03-10T12:00:00Z', end: '2026-03-10T12:10:00Z' })).endMs,
    ).toBe(NOW + 600_000);
  });

  it('treats null optional fields as absent', () => {
    const e = accepted(event({ app: null, title: null, url: null }));
    expect([e.app, e.title, e.url]).toEqual([null, null, null]);
  });

  it('truncates titles over 1,024 and URLs over 2,048 characters and says so', () => {
    const url = `https://example.com/${'p'.repeat(3000)}`;
    const e = accepted(event({ title: 't'.repeat(2000), url }));
    expect(e.title).toHaveLength(1024);
    expect(e.url).toHaveLength(2048);
    expect(e.url).toBe(url.slice(0, 2048));
    expect(e.host).toBe('example.com');
    expect(e.truncated).toBe(true);
    expect(accepted(event({ title: 't'.repeat(1024) })).truncated).toBe(false);
  });

  it('trims app names and cuts them to 255 characters', () => {
    expect(accepted(event({ app: '  Slack  ' })).app).toBe('Slack');
    expect(accepted(event({ app: '   ' })).app).toBeNull();
    const long = accepted(event({ app: 'a'.repeat(300) }));
    expect(long.app).toHaveLength(255);
    expect(long.truncated).toBe(true);
  });

  it('never keeps a title when the organization does not collect titles', () => {
    const e = accepted(event({ title: 'Secret plans.docx' }), {
      collectTitles: false,
      urlMode: 'full',
    });
    expect(e.title).toBeNull();
    expect(e.truncated).toBe(false);
  });

  it('keeps only the host name when the organization collects hosts only', () => {
    const e = accepted(event({ url: 'https://Mail.Example.com:443/inbox/42?token=abc' }), {
      collectTitles: true,
      urlMode: 'host',
    });
    expect(e.url).toBe('mail.example.com');
    expect(e.host).toBe('mail.example.com');
  });

  it('drops URLs that name no host, so the span counts for its app', () => {
    const e = accepted(event({ url: 'about:blank' }));
    expect(e.url).toBeNull();
    expect(e.host).toBeNull();
    expect(e.app).toBe('Code');
  });

  it('strips control characters but tab from app, title and URL, and says so', () => {
    const e = accepted(
      event({
        app: 'x\n@SUM(1+1)',
        title: 'a\u0000b\u0007c\u001b[0m\r=1+1\tcol',
        url: 'https://ex\u0000ample.com/p\u0000q\r\n',
      }),
    );
    expect(e.app).toBe('x @SUM(1+1)');
    expect(e.title).toBe('abc[0m =1+1\tcol');
    expect(e.url).toBe('https://example.com/pq');
    expect(e.host).toBe('example.com');
    expect(e.sanitized).toBe(true);
    expect(e.truncated).toBe(false);
    expect(accepted(event({ title: 'tab\tkept', url: 'https://example.com' })).sanitized).toBe(
      false,
    );
  });

  it('an app name of control characters only is no app name', () => {
    const e = accepted(event({ app: '\u0000\r\n\u0007' }));
    expect(e.app).toBeNull();
    expect(e.sanitized).toBe(true);
  });

  it('finds a card number that control characters split, and counts the length without them', () => {
    const e = accepted(event({ title: 'Pay 4111\u00001111 1111 1111\nnow' }));
    expect(e.title).toBe(`Pay ${CARD_NUMBER_MARK} now`);
    const exact = accepted(event({ title: `${'t'.repeat(1024)}\u0000` }));
    expect(exact.title).toBe('t'.repeat(1024));
    expect([exact.truncated, exact.sanitized]).toEqual([false, true]);
  });

  it('does not count titles it does not keep, nor idle spans, as cleaned', () => {
    const noTitles = { collectTitles: false, urlMode: 'full' as const };
    expect(accepted(event({ title: 'a\u0000b' }), noTitles).sanitized).toBe(false);
    expect(accepted(event({ kind: 'idle', app: 'a\u0000b' })).sanitized).toBe(false);
  });

  it('keeps no app, title or URL for idle spans', () => {
    const e = accepted(event({ kind: 'idle', title: 'x', url: 'https://example.com' }));
    expect([e.app, e.title, e.url, e.host]).toEqual([null, null, null, null]);
  });
});

describe('redactCardNumbers', () => {
  it.each([
    ['Checkout 4111 1111 1111 1111 – Shop', `Checkout ${CARD_NUMBER_MARK} – Shop`],
    ['pay?card=4111-1111-1111-1111&x=1', `pay?card=${CARD_NUMBER_MARK}&x=1`],
    ['5500000000000004', CARD_NUMBER_MARK],
  ])('cuts the card number out of %j', (text, expected) => {
    expect(redactCardNumbers(text)).toBe(expected);
  });

  it.each([
    'Invoice 4111 1111 1111 1112',
    'Timestamp 1741600000003',
    '12345678901234567890123',
    'Report Q3 2026-03-10',
  ])('keeps %j (not Luhn-valid, too long, or too short)', (text) => {
    expect(redactCardNumbers(text)).toBe(text);
  });

  it('is applied to titles, URLs and app names, and never to event ids', () => {
    // A random UUID whose digits across dashes form a Luhn-valid 15-digit run.
    const id = '20312160-7649-471d-8992-16d4817a86a9';
    const e = accepted(
      event({
        id,
        title: 'Pay 4111 1111 1111 1111',
        url: 'https://shop.example/pay?c=4111111111111111',
        app: 'Shop 4111111111111111',
      }),
    );
    expect(e.eventId).toBe(id);
    expect(e.title).toBe(`Pay ${CARD_NUMBER_MARK}`);
    expect(e.url).toBe(`https://shop.example/pay?c=${CARD_NUMBER_MARK}`);
    expect(e.app).toBe(`Shop ${CARD_NUMBER_MARK}`);
    expect(e.truncated).toBe(false);
  });
});

describe('stripControlChars', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\tkept', 'tab\tkept'],
    ['a\u0000b', 'ab'],
    ['line\r\nbreak', 'line break'],
    ['many\r\n\r\n\nbreaks', 'many breaks'],
    ['v\u000bf\u000cnel\u0085end', 'v f nel end'],
    ['line\u2028sep\u2029para', 'line sep para'],
    ['esc\u001b[31mred\u007f\u009b', 'esc[31mred'],
    ['\u0000\r', ' '],
    ['Привіт 😀 – ok', 'Привіт 😀 – ok'],
  ])('%j becomes %j', (input, output) => {
    expect(stripControlChars(input)).toBe(output);
  });

  it('leaves no control character but tab in any text', () => {
    for (let code = 0; code < 0xa0; code++) {
      const out = stripControlChars(`a${String.fromCharCode(code)}b`);
      expect([code, /[^\P{Cc}\t]/u.test(out)]).toEqual([code, false]);
    }
  });
});
