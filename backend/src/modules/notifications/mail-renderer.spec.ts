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
    report: 'summary',
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
  'absence-requested': {
    employeeName: 'Eve <Employee>',
    kind: 'vacation',
    from: '2026-07-06',
    to: '2026-07-17',
    workingDays: 10,
    note: 'Family trip',
    year: 2026,
    remainingDays: 12,
    absencesUrl: 'https://ctx.example/absences',
  },
  'absence-decided': {
    kind: 'sick',
    from: '2026-07-06',
    to: '2026-07-06',
    outcome: 'approved',
    deciderName: 'Hanna HR',
    absencesUrl: 'https://ctx.example/absences',
  },
  'timesheet-approval-requested': {
    employeeName: 'Eve <Employee>',
    item: 'timesheet',
    from: '2026-11-30',
    to: '2026-12-06',
    seconds: 144_000,
    approvalsUrl: 'https://ctx.example/timesheets/approvals',
  },
  'timesheet-approval-decided': {
    item: 'entry',
    from: '2026-11-30T09:00:00.000Z',
    to: '2026-11-30T10:30:00.000Z',
    outcome: 'returned',
    deciderName: 'Hanna HR',
    comment: 'Which project?',
    timesheetsUrl: 'https://ctx.example/timesheets',
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
    const attendance = { ...PARAMS['scheduled-report'], report: 'attendance-totals' as const };
    expect(renderer.render('scheduled-report', 'en', attendance, context).subject).toBe(
      'Weekly attendance totals report: 16 November 2026 – 22 November 2026',
    );
    expect(renderer.render('scheduled-report', 'ru', attendance, context).subject).toBe(
      'Отчёт «посещаемость: итоги» за неделю: 16 ноября 2026 г. – 22 ноября 2026 г.',
    );
    expect(renderer.render('scheduled-report', 'uk', attendance, context).subject).toBe(
      'Звіт «відвідуваність: підсумки» за тиждень: 16 листопада 2026 р. – 22 листопада 2026 р.',
    );
    const ready = { ...PARAMS['export-ready'], report: 'attendance' as const };
    expect(renderer.render('export-ready', 'ru', ready, context).text).toContain('«посещаемость»');
    expect(renderer.render('export-ready', 'uk', ready, context).text).toContain(
      '«відвідуваність»',
    );
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

  it.each([
    [
      'en',
      'Absence request from Eve <Employee>: 6 July 2026 – 17 July 2026',
      'Eve <Employee> asks for an absence: vacation from 6 July 2026 to 17 July 2026 (10 working days).',
      'Vacation days left in 2026 if it is approved: 12.',
    ],
    [
      'ru',
      'Запрос на отсутствие: Eve <Employee>, 6 июля 2026 г. – 17 июля 2026 г.',
      'Eve <Employee> запрашивает отсутствие: отпуск с 6 июля 2026 г. по 17 июля 2026 г. (10 рабочих дней).',
      'Дней отпуска в 2026 году останется, если запрос одобрят: 12.',
    ],
    [
      'uk',
      'Запит на відсутність: Eve <Employee>, 6 липня 2026 р. – 17 липня 2026 р.',
      'Eve <Employee> просить про відсутність: відпустка з 6 липня 2026 р. по 17 липня 2026 р. (10 робочих днів).',
      'Днів відпустки у 2026 році залишиться, якщо запит схвалять: 12.',
    ],
  ] as const)('asks the deciders about an absence in %s', (locale, subject, line, left) => {
    const mail = renderer.render('absence-requested', locale, PARAMS['absence-requested'], context);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(line);
    expect(mail.text).toContain(left);
    expect(mail.text).toContain('https://ctx.example/absences');
    expect(mail.html).toContain('Eve &lt;Employee&gt;');
    expect(mail.html).toContain('href="https://ctx.example/absences"');
  });

  it.each([
    ['en', 1, '1 working day'],
    ['en', 2, '2 working days'],
    ['ru', 1, '1 рабочий день'],
    ['ru', 3, '3 рабочих дня'],
    ['ru', 5, '5 рабочих дней'],
    ['ru', 21, '21 рабочий день'],
    ['uk', 1, '1 робочий день'],
    ['uk', 2, '2 робочі дні'],
    ['uk', 11, '11 робочих днів'],
  ] as const)('counts working days in %s: %d', (locale, workingDays, words) => {
    const params = { ...PARAMS['absence-requested'], workingDays };
    expect(renderer.render('absence-requested', locale, params, context).text).toContain(
      `(${words}).`,
    );
  });

  it('leaves out the note and the vacation balance when there is none', () => {
    const params = {
      employeeName: 'Sam Sick',
      kind: 'sick' as const,
      from: '2026-07-06',
      to: '2026-07-06',
      workingDays: 1,
      absencesUrl: 'https://ctx.example/absences',
    };
    const mail = renderer.render('absence-requested', 'en', params, context);
    expect(mail.text).toContain('sick leave from 6 July 2026 to 6 July 2026 (1 working day).');
    expect(mail.text).not.toContain('Note:');
    expect(mail.text).not.toContain('Vacation days left');
  });

  it.each([
    [
      'en',
      'approved',
      'Your absence is approved: 6 July 2026 – 6 July 2026',
      'Hanna HR approved your request: sick leave',
    ],
    [
      'en',
      'rejected',
      'Your absence request was rejected: 6 July 2026 – 6 July 2026',
      'Hanna HR rejected your request: sick leave',
    ],
    [
      'ru',
      'approved',
      'Ваше отсутствие одобрено: 6 июля 2026 г. – 6 июля 2026 г.',
      'Hanna HR одобряет ваш запрос: больничный',
    ],
    [
      'ru',
      'rejected',
      'Ваш запрос на отсутствие отклонён: 6 июля 2026 г. – 6 июля 2026 г.',
      'Hanna HR отклоняет ваш запрос: больничный',
    ],
    [
      'uk',
      'approved',
      'Вашу відсутність схвалено: 6 липня 2026 р. – 6 липня 2026 р.',
      'Hanna HR схвалює ваш запит: лікарняний',
    ],
    [
      'uk',
      'rejected',
      'Ваш запит на відсутність відхилено: 6 липня 2026 р. – 6 липня 2026 р.',
      'Hanna HR відхиляє ваш запит: лікарняний',
    ],
  ] as const)('tells the employee in %s that it was %s', (locale, outcome, subject, line) => {
    const params = { ...PARAMS['absence-decided'], outcome };
    const mail = renderer.render('absence-decided', locale, params, context);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(line);
    expect(mail.text).toContain('https://ctx.example/absences');
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
