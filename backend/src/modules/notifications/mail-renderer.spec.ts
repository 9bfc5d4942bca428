import { MAIL_LOCALES, MAIL_TEMPLATES, type MailParams } from './mail-catalog.js';
import { MailRenderer } from './mail-renderer.js';

const PARAMS: MailParams = {
  invitation: {
    organizationName: 'Acme <Ops>',
    inviterName: 'Olive Owner',
    role: 'manager',
    acceptUrl: 'https://ctx.example/accept-invitation?token=abc',
    expiresAt: '2026-12-01T10:00:00Z',
  },
  'password-reset': {
    resetUrl: 'https://ctx.example/reset-password?token=r1',
    expiresInMinutes: 60,
  },
  'sign-in-link': {
    signInUrl: 'https://ctx.example/sign-in-link?token=s1',
    expiresInMinutes: 15,
  },
  'export-ready': {
    report: 'summary',
    format: 'xlsx',
    from: '2026-11-01',
    to: '2026-11-30',
    downloadUrl: 'https://ctx.example/api/v1/exports/e1/file',
    expiresAt: '2026-12-07T00:00:00Z',
  },
  'privacy-request-received': {
    requestType: 'erasure',
    employeeName: 'Eve Employee',
    dueAt: '2026-12-24T12:00:00Z',
    requestUrl: 'https://ctx.example/privacy/requests/p1',
  },
  'privacy-request-completed': {
    requestType: 'access',
    employeeName: 'Eve Employee',
    outcome: 'completed',
    downloadUrl: 'https://ctx.example/api/v1/privacy/requests/p1/download',
  },
  'privacy-request-due-soon': {
    requestType: 'access',
    employeeName: 'Eve Employee',
    dueAt: '2026-12-24T12:00:00Z',
    daysLeft: 5,
    requestUrl: 'https://ctx.example/privacy/requests/p1',
  },
  'policy-change': {
    version: '2026-12',
    publishedAt: '2026-11-24T00:00:00Z',
    effectiveAt: '2026-12-24T00:00:00Z',
    policyUrl: 'https://ctx.example/privacy/policy',
  },
  'scheduled-report': {
    frequency: 'weekly',
    from: '2026-11-16',
    to: '2026-11-22',
    scope: 'Support',
    employees: 1234,
    activeSeconds: 45_300,
    productiveSeconds: 30_000,
    downloadUrl: 'https://ctx.example/api/v1/exports/e2/file',
    attached: true,
  },
  'product-news': { title: 'What is new in CallTimeX', body: 'Things' },
  'invoice-issued': {
    kind: 'invoice',
    invoiceNumber: 7,
    organizationName: 'Acme',
    period: '2026-10-01 – 2026-10-31',
    total: '47.60 EUR',
    downloadUrl: 'https://ctx.example/api/v1/billing/invoices/x/pdf',
  },
};

const context = {
  organizationName: 'Acme <Ops>',
  timeZone: 'Europe/Kyiv',
  unsubscribeUrl: null,
  preferencesUrl: null,
  essential: true,
};

describe('MailRenderer', () => {
  const renderer = new MailRenderer();

  it.each(MAIL_LOCALES.flatMap((l) => MAIL_TEMPLATES.map((t) => [l, t] as const)))(
    'renders %s/%s with a subject, an HTML and a text part and no unfilled placeholder',
    (locale, template) => {
      const mail = renderer.render(template, locale, PARAMS[template], context);
      expect(mail.subject.length).toBeGreaterThan(3);
      expect(mail.subject).not.toMatch(/[{}]/);
      expect(mail.html).toContain(`<html lang="${locale}">`);
      expect(mail.html).not.toMatch(/\{\{|\}\}/);
      expect(mail.text).not.toMatch(/\{\{|\}\}|<\/?p>/);
      expect(mail.text).toContain('CallTimeX');
    },
  );

  it('speaks the recipient language, with localized dates and durations', () => {
    const en = renderer.render('scheduled-report', 'en', PARAMS['scheduled-report'], context);
    const ru = renderer.render('scheduled-report', 'ru', PARAMS['scheduled-report'], context);
    const uk = renderer.render('scheduled-report', 'uk', PARAMS['scheduled-report'], context);
    expect(en.subject).toBe('Weekly summary: 16 November 2026 – 22 November 2026');
    expect(ru.subject).toBe('Недельная сводка: 16 ноября 2026 г. – 22 ноября 2026 г.');
    expect(uk.subject).toBe('Тижневе зведення: 16 листопада 2026 р. – 22 листопада 2026 р.');
    expect(en.text).toContain('Active time: 12 h 35 min');
    expect(ru.text).toContain('Активное время: 12 ч 35 мин');
    expect(uk.text).toContain('Активний час: 12 год 35 хв');
    expect(ru.text).toMatch(/Сотрудников с активностью: 1\s234/);
  });

  it.each([
    ['en', 'Rectification request received for Eve Employee', 'What should be corrected: Team'],
    ['ru', 'Получен запрос на исправление данных: Eve Employee', 'Что исправить: Team'],
    ['uk', 'Отримано запит на виправлення даних: Eve Employee', 'Що виправити: Team'],
  ] as const)('names a rectification request and its note in %s', (locale, subject, note) => {
    const params = {
      ...PARAMS['privacy-request-received'],
      requestType: 'rectification' as const,
      note: 'Team is <Sales>',
    };
    const mail = renderer.render('privacy-request-received', locale, params, context);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(`${note} is <Sales>`);
    expect(mail.html).toContain('Team is &lt;Sales&gt;');
    const without = renderer.render(
      'privacy-request-received',
      locale,
      PARAMS['privacy-request-received'],
      context,
    );
    expect(without.text).not.toContain(note.split(':')[0]);
  });

  it('escapes values in HTML but not in the text part', () => {
    const mail = renderer.render('invitation', 'en', PARAMS.invitation, context);
    expect(mail.html).toContain('Acme &lt;Ops&gt;');
    expect(mail.html).not.toContain('Acme <Ops>');
    expect(mail.text).toContain('Acme <Ops>');
    expect(mail.subject).toBe('You are invited to Acme <Ops> on CallTimeX');
    expect(mail.text).toContain('as manager.');
    expect(mail.text).toContain('(Europe/Kyiv)');
  });

  it('adds the unsubscribe link to optional mail only', () => {
    const optional = renderer.render('scheduled-report', 'uk', PARAMS['scheduled-report'], {
      ...context,
      essential: false,
      unsubscribeUrl: 'https://ctx.example/u?token=t',
      preferencesUrl: 'https://ctx.example/settings/notifications',
    });
    expect(optional.text).toContain('Відписатися: https://ctx.example/u?token=t');
    // Handlebars writes '=' as an entity inside attributes; browsers read it back.
    expect(optional.html).toContain('href="https://ctx.example/u?token&#x3D;t"');
    const essential = renderer.render('password-reset', 'uk', PARAMS['password-reset'], context);
    expect(essential.text).not.toContain('Відписатися');
    expect(essential.text).toContain('вимкнути його не можна');
  });
});
