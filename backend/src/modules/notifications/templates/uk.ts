import type { LocaleTexts } from './locale-texts.js';

export const UK: LocaleTexts = {
  layout: {
    essentialFooter:
      'Ви отримали цей лист, бо він стосується вашого облікового запису або обов’язків вашої організації; вимкнути його не можна.',
    optionalFooter: 'Ви отримали цей лист, бо підписалися на нього в CallTimeX.',
    unsubscribe: 'Відписатися',
    preferences: 'Налаштування розсилок',
  },
  words: {
    reports: {
      summary: 'зведений',
      usage: 'за застосунками й сайтами',
      timeline: 'хронологічний',
      attendance: 'відвідуваність',
      'attendance-totals': 'відвідуваність: підсумки',
      payroll: 'зарплатна відомість',
    },
    roles: {
      owner: 'власник',
      admin: 'адміністратор',
      hr: 'фахівець з персоналу',
      manager: 'керівник',
      employee: 'працівник',
    },
    requests: {
      access: {
        name: 'на доступ до даних',
        title: 'Запит на доступ до даних',
        description: 'запит на копію всіх персональних даних',
      },
      erasure: {
        name: 'на видалення даних',
        title: 'Запит на видалення даних',
        description: 'запит на видалення всіх персональних даних',
      },
      rectification: {
        name: 'на виправлення даних',
        title: 'Запит на виправлення даних',
        description: 'запит на виправлення персональних даних',
      },
    },
    hours: 'год',
    minutes: 'хв',
    absenceKinds: { vacation: 'відпустка', sick: 'лікарняний', other: 'інша відсутність' },
    workingDays: {
      one: 'робочий день',
      few: 'робочі дні',
      many: 'робочих днів',
      other: 'робочого дня',
    },
  },
  templates: {
    invitation: {
      subject: 'Запрошення до {{organizationName}} у CallTimeX',
      html: `<p>Вітаємо!</p>
<p>{{inviterName}} запрошує вас до <strong>{{organizationName}}</strong> у CallTimeX з роллю «{{roleName role}}».</p>
<p>Щоб прийняти запрошення, встановіть пароль:</p>
{{> button url=acceptUrl label="Прийняти запрошення"}}
<p>Посилання одноразове й діє до {{datetime expiresAt}}. Якщо ви не очікували запрошення, просто проігноруйте цей лист.</p>`,
      text: `Вітаємо!

{{inviterName}} запрошує вас до {{organizationName}} у CallTimeX з роллю «{{roleName role}}».

Щоб прийняти запрошення, встановіть пароль:
{{acceptUrl}}

Посилання одноразове й діє до {{datetime expiresAt}}. Якщо ви не очікували запрошення, просто проігноруйте цей лист.`,
    },
    'password-reset': {
      subject: 'Скидання пароля CallTimeX',
      html: `<p>Хтось (сподіваємося, ви) попросив скинути пароль цього облікового запису CallTimeX.</p>
{{> button url=resetUrl label="Встановити новий пароль"}}
<p>Посилання одноразове й діє {{expiresInMinutes}} хвилин. Після зміни пароля всі інші сеанси буде завершено.</p>
<p>Якщо ви не просили скидання, проігноруйте лист: пароль залишиться тим самим.</p>`,
      text: `Хтось (сподіваємося, ви) попросив скинути пароль цього облікового запису CallTimeX.

Встановити новий пароль:
{{resetUrl}}

Посилання одноразове й діє {{expiresInMinutes}} хвилин. Після зміни пароля всі інші сеанси буде завершено.

Якщо ви не просили скидання, проігноруйте лист: пароль залишиться тим самим.`,
    },
    'sign-in-link': {
      subject: 'Посилання для входу в CallTimeX',
      html: `<p>Хтось (сподіваємося, ви) попросив посилання для входу в цей обліковий запис CallTimeX без пароля.</p>
{{> button url=signInUrl label="Увійти"}}
<p>Посилання одноразове й діє {{expiresInMinutes}} хвилин. Якщо в обліковому записі ввімкнено застосунок-автентифікатор, код із нього все одно знадобиться.</p>
<p>Якщо ви не просили посилання, проігноруйте лист: без нього ніхто не увійде. Багато невдалих спроб входу може означати, що хтось підбирає ваш пароль; довгий унікальний пароль і застосунок-автентифікатор захистять обліковий запис.</p>`,
      text: `Хтось (сподіваємося, ви) попросив посилання для входу в цей обліковий запис CallTimeX без пароля.

Увійти:
{{signInUrl}}

Посилання одноразове й діє {{expiresInMinutes}} хвилин. Якщо в обліковому записі ввімкнено застосунок-автентифікатор, код із нього все одно знадобиться.

Якщо ви не просили посилання, проігноруйте лист: без нього ніхто не увійде. Багато невдалих спроб входу може означати, що хтось підбирає ваш пароль; довгий унікальний пароль і застосунок-автентифікатор захистять обліковий запис.`,
    },
    'export-ready': {
      subject: 'Вивантаження звіту готове: {{reportName report}}',
      html: `<p>Звіт «{{reportName report}}» за {{date from}} – {{date to}} ({{upper format}}) готовий.</p>
{{> button url=downloadUrl label="Завантажити"}}
<p>Щоб завантажити, потрібно увійти в систему. Файл буде видалено {{date expiresAt}}.</p>`,
      text: `Звіт «{{reportName report}}» за {{date from}} – {{date to}} ({{upper format}}) готовий.

Завантажити (потрібен вхід у систему): {{downloadUrl}}

Файл буде видалено {{date expiresAt}}.`,
    },
    'privacy-request-received': {
      subject: 'Отримано запит {{requestName requestType}}: {{employeeName}}',
      html: `<p>Подано {{requestDescription requestType}} працівника <strong>{{employeeName}}</strong>.</p>
{{#if note}}<p>Що виправити: {{note}}</p>
{{/if}}<p>Відповісти потрібно до <strong>{{date dueAt}}</strong>.</p>
{{> button url=requestUrl label="Відкрити запит"}}`,
      text: `Подано {{requestDescription requestType}} працівника {{employeeName}}.
{{#if note}}
Що виправити: {{note}}
{{/if}}
Відповісти потрібно до {{date dueAt}}.

Відкрити запит: {{requestUrl}}`,
    },
    'privacy-request-completed': {
      subject:
        '{{#if (eq outcome "completed")}}Запит щодо персональних даних виконано{{else}}У запиті щодо персональних даних відмовлено{{/if}}',
      html: `{{#if (eq outcome "completed")}}<p>Запит {{requestName requestType}} працівника <strong>{{employeeName}}</strong> виконано.</p>
{{#if downloadUrl}}{{> button url=downloadUrl label="Завантажити дані"}}{{/if}}{{else}}<p>Запит {{requestName requestType}} працівника <strong>{{employeeName}}</strong> неможливо виконати.</p>
<p>Причина: {{reason}}</p>{{/if}}`,
      text: `{{#if (eq outcome "completed")}}Запит {{requestName requestType}} працівника {{employeeName}} виконано.{{#if downloadUrl}}

Завантажити дані (потрібен вхід у систему): {{downloadUrl}}{{/if}}{{else}}Запит {{requestName requestType}} працівника {{employeeName}} неможливо виконати.

Причина: {{reason}}{{/if}}`,
    },
    'privacy-request-due-soon': {
      subject: 'Строк відповіді на запит ({{employeeName}}) спливає через {{daysLeft}} дн.',
      html: `<p>Запит {{requestName requestType}} працівника <strong>{{employeeName}}</strong> ще відкритий; строк — <strong>{{date dueAt}}</strong> (залишилося днів: {{daysLeft}}).</p>
{{> button url=requestUrl label="Відповісти на запит"}}`,
      text: `Запит {{requestName requestType}} працівника {{employeeName}} ще відкритий; строк — {{date dueAt}} (залишилося днів: {{daysLeft}}).

Відповісти на запит: {{requestUrl}}`,
    },
    'policy-change': {
      subject: 'Політика конфіденційності змінюється з {{date effectiveAt}}',
      html: `<p>{{date publishedAt}} опубліковано нову редакцію ({{version}}) політики конфіденційності. Вона набирає чинності <strong>{{date effectiveAt}}</strong>.</p>
{{#if summary}}<p>Що змінюється: {{summary}}</p>{{/if}}
{{> button url=policyUrl label="Прочитати нову редакцію"}}`,
      text: `{{date publishedAt}} опубліковано нову редакцію ({{version}}) політики конфіденційності. Вона набирає чинності {{date effectiveAt}}.
{{#if summary}}
Що змінюється: {{summary}}
{{/if}}
Прочитати нову редакцію: {{policyUrl}}`,
    },
    'scheduled-report': {
      subject:
        '{{#if (eq report "summary")}}{{#if (eq frequency "weekly")}}Тижневе{{else}}Місячне{{/if}} зведення{{else}}Звіт «{{reportName report}}» за {{#if (eq frequency "weekly")}}тиждень{{else}}місяць{{/if}}{{/if}}: {{date from}} – {{date to}}',
      html: `<p>Ваше {{#if (eq frequency "weekly")}}тижневе{{else}}місячне{{/if}} зведення ({{scope}}) за {{date from}} – {{date to}}:</p>
<ul><li>Працівників з активністю: <strong>{{number employees}}</strong></li>
<li>Активний час: <strong>{{duration activeSeconds}}</strong></li>
<li>Продуктивний час: <strong>{{duration productiveSeconds}}</strong></li></ul>
<p>{{#if attached}}Повний звіт — у вкладенні.{{else}}Повний звіт готовий до завантаження.{{/if}}</p>
{{> button url=downloadUrl label="Відкрити звіт"}}`,
      text: `Ваше {{#if (eq frequency "weekly")}}тижневе{{else}}місячне{{/if}} зведення ({{scope}}) за {{date from}} – {{date to}}:

- Працівників з активністю: {{number employees}}
- Активний час: {{duration activeSeconds}}
- Продуктивний час: {{duration productiveSeconds}}

{{#if attached}}Повний звіт — у вкладенні.{{else}}Повний звіт готовий до завантаження.{{/if}}
Відкрити звіт: {{downloadUrl}}`,
    },
    'product-news': {
      subject: '{{title}}',
      html: `<p>{{body}}</p>{{#if url}}{{> button url=url label="Докладніше"}}{{/if}}`,
      text: `{{body}}{{#if url}}

Докладніше: {{url}}{{/if}}`,
    },
    'invoice-issued': {
      subject:
        '{{#if (eq kind "invoice")}}Рахунок{{else}}Кредит-нота{{/if}} {{invoiceNumber}} від CallTimeX',
      html: `<p>{{#if (eq kind "invoice")}}Рахунок{{else}}Кредит-нота{{/if}} <strong>{{invoiceNumber}}</strong> для {{organizationName}}, період {{period}}: <strong>{{total}}</strong>.</p>
<p>PDF у вкладенні.</p>
{{> button url=downloadUrl label="Відкрити в CallTimeX"}}`,
      text: `{{#if (eq kind "invoice")}}Рахунок{{else}}Кредит-нота{{/if}} {{invoiceNumber}} для {{organizationName}}, період {{period}}: {{total}}.

PDF у вкладенні.
Відкрити в CallTimeX: {{downloadUrl}}`,
    },
    'absence-requested': {
      subject: 'Запит на відсутність: {{employeeName}}, {{date from}} – {{date to}}',
      html: `<p><strong>{{employeeName}}</strong> просить про відсутність: {{absenceKind kind}} з <strong>{{date from}}</strong> по <strong>{{date to}}</strong> ({{workingDays workingDays}}).</p>
{{#if note}}<p>Коментар: {{note}}</p>
{{/if}}{{#if year}}<p>Днів відпустки у {{year}} році залишиться, якщо запит схвалять: <strong>{{number remainingDays}}</strong>.</p>
{{/if}}<p>Схваліть або відхиліть його в CallTimeX:</p>
{{> button url=absencesUrl label="Відкрити відсутності"}}`,
      text: `{{employeeName}} просить про відсутність: {{absenceKind kind}} з {{date from}} по {{date to}} ({{workingDays workingDays}}).
{{#if note}}
Коментар: {{note}}
{{/if}}{{#if year}}
Днів відпустки у {{year}} році залишиться, якщо запит схвалять: {{number remainingDays}}.
{{/if}}
Схваліть або відхиліть його в CallTimeX: {{absencesUrl}}`,
    },
    'absence-decided': {
      subject:
        '{{#if (eq outcome "approved")}}Вашу відсутність схвалено{{else}}Ваш запит на відсутність відхилено{{/if}}: {{date from}} – {{date to}}',
      html: `<p>{{deciderName}} {{#if (eq outcome "approved")}}схвалює{{else}}відхиляє{{/if}} ваш запит: {{absenceKind kind}} з <strong>{{date from}}</strong> по <strong>{{date to}}</strong>.</p>
{{> button url=absencesUrl label="Відкрити відсутності"}}`,
      text: `{{deciderName}} {{#if (eq outcome "approved")}}схвалює{{else}}відхиляє{{/if}} ваш запит: {{absenceKind kind}} з {{date from}} по {{date to}}.

Відкрити відсутності: {{absencesUrl}}`,
    },
    'timesheet-approval-requested': {
      subject:
        '{{#if (eq item "timesheet")}}Табель від {{employeeName}}: {{date from}} – {{date to}}{{else}}Ручний час від {{employeeName}}: {{datetime from}}{{/if}}',
      html: `<p><strong>{{employeeName}}</strong> {{#if (eq item "timesheet")}}надсилає табель за <strong>{{date from}} – {{date to}}</strong> ({{duration seconds}}){{else}}додає ручний час з <strong>{{datetime from}}</strong> до <strong>{{datetime to}}</strong> ({{duration seconds}}){{/if}}.</p>
{{#if note}}<p>Коментар: {{note}}</p>
{{/if}}<p>Схваліть або поверніть на доопрацювання в CallTimeX:</p>
{{> button url=approvalsUrl label="Відкрити погодження"}}`,
      text: `{{employeeName}} {{#if (eq item "timesheet")}}надсилає табель за {{date from}} – {{date to}} ({{duration seconds}}){{else}}додає ручний час з {{datetime from}} до {{datetime to}} ({{duration seconds}}){{/if}}.
{{#if note}}
Коментар: {{note}}
{{/if}}
Схваліть або поверніть на доопрацювання в CallTimeX: {{approvalsUrl}}`,
    },
    'timesheet-approval-decided': {
      subject:
        '{{#if (eq item "timesheet")}}Ваш табель {{date from}} – {{date to}}{{else}}Ваш ручний час {{datetime from}}{{/if}}: {{#if (eq outcome "approved")}}схвалено{{else if (eq outcome "returned")}}повернуто на доопрацювання{{else}}відхилено{{/if}}',
      html: `<p>{{deciderName}} {{#if (eq outcome "approved")}}схвалює{{else if (eq outcome "returned")}}повертає на доопрацювання{{else}}відхиляє{{/if}} {{#if (eq item "timesheet")}}ваш табель за <strong>{{date from}} – {{date to}}</strong>{{else}}ваш ручний час з <strong>{{datetime from}}</strong> до <strong>{{datetime to}}</strong>{{/if}}.</p>
{{#if comment}}<p>Коментар: {{comment}}</p>
{{/if}}{{> button url=timesheetsUrl label="Відкрити мій табель"}}`,
      text: `{{deciderName}} {{#if (eq outcome "approved")}}схвалює{{else if (eq outcome "returned")}}повертає на доопрацювання{{else}}відхиляє{{/if}} {{#if (eq item "timesheet")}}ваш табель за {{date from}} – {{date to}}{{else}}ваш ручний час з {{datetime from}} до {{datetime to}}{{/if}}.
{{#if comment}}
Коментар: {{comment}}
{{/if}}
Відкрити мій табель: {{timesheetsUrl}}`,
    },
  },
};
