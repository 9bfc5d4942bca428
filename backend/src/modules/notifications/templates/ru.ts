import type { LocaleTexts } from './locale-texts.js';

export const RU: LocaleTexts = {
  layout: {
    essentialFooter:
      'Вы получили это письмо, потому что оно касается вашей учётной записи или обязательств вашей организации; отключить его нельзя.',
    optionalFooter: 'Вы получили это письмо, потому что подписались на него в CallTimeX.',
    unsubscribe: 'Отписаться',
    preferences: 'Настройки рассылок',
  },
  words: {
    reports: {
      summary: 'сводный',
      usage: 'по приложениям и сайтам',
      timeline: 'хронологический',
      attendance: 'посещаемость',
      'attendance-totals': 'посещаемость: итоги',
      payroll: 'зарплатная ведомость',
    },
    roles: {
      owner: 'владелец',
      admin: 'администратор',
      hr: 'специалист по персоналу',
      manager: 'руководитель',
      employee: 'сотрудник',
    },
    requests: {
      access: {
        name: 'на доступ к данным',
        title: 'Запрос на доступ к данным',
        description: 'запрос на копию всех персональных данных',
      },
      erasure: {
        name: 'на удаление данных',
        title: 'Запрос на удаление данных',
        description: 'запрос на удаление всех персональных данных',
      },
      rectification: {
        name: 'на исправление данных',
        title: 'Запрос на исправление данных',
        description: 'запрос на исправление персональных данных',
      },
    },
    hours: 'ч',
    minutes: 'мин',
    absenceKinds: { vacation: 'отпуск', sick: 'больничный', other: 'другое отсутствие' },
    workingDays: {
      one: 'рабочий день',
      few: 'рабочих дня',
      many: 'рабочих дней',
      other: 'рабочего дня',
    },
  },
  templates: {
    invitation: {
      subject: 'Приглашение в {{organizationName}} в CallTimeX',
      html: `<p>Здравствуйте!</p>
<p>{{inviterName}} приглашает вас в <strong>{{organizationName}}</strong> в CallTimeX с ролью «{{roleName role}}».</p>
<p>Чтобы принять приглашение, задайте пароль:</p>
{{> button url=acceptUrl label="Принять приглашение"}}
<p>Ссылка одноразовая и действует до {{datetime expiresAt}}. Если вы не ждали приглашения, просто проигнорируйте это письмо.</p>`,
      text: `Здравствуйте!

{{inviterName}} приглашает вас в {{organizationName}} в CallTimeX с ролью «{{roleName role}}».

Чтобы принять приглашение, задайте пароль:
{{acceptUrl}}

Ссылка одноразовая и действует до {{datetime expiresAt}}. Если вы не ждали приглашения, просто проигнорируйте это письмо.`,
    },
    'password-reset': {
      subject: 'Сброс пароля CallTimeX',
      html: `<p>Кто-то (надеемся, вы) запросил сброс пароля этой учётной записи CallTimeX.</p>
{{> button url=resetUrl label="Задать новый пароль"}}
<p>Ссылка одноразовая и действует {{expiresInMinutes}} минут. После смены пароля все остальные сеансы будут завершены.</p>
<p>Если вы не запрашивали сброс, проигнорируйте письмо: пароль останется прежним.</p>`,
      text: `Кто-то (надеемся, вы) запросил сброс пароля этой учётной записи CallTimeX.

Задать новый пароль:
{{resetUrl}}

Ссылка одноразовая и действует {{expiresInMinutes}} минут. После смены пароля все остальные сеансы будут завершены.

Если вы не запрашивали сброс, проигнорируйте письмо: пароль останется прежним.`,
    },
    'sign-in-link': {
      subject: 'Ссылка для входа в CallTimeX',
      html: `<p>Кто-то (надеемся, вы) запросил ссылку для входа в эту учётную запись CallTimeX без пароля.</p>
{{> button url=signInUrl label="Войти"}}
<p>Ссылка одноразовая и действует {{expiresInMinutes}} минут. Если в учётной записи включено приложение-аутентификатор, код из него всё равно понадобится.</p>
<p>Если вы не запрашивали ссылку, проигнорируйте письмо: без неё никто не войдёт. Много неудачных попыток входа может означать, что кто-то подбирает ваш пароль; длинный уникальный пароль и приложение-аутентификатор защитят учётную запись.</p>`,
      text: `Кто-то (надеемся, вы) запросил ссылку для входа в эту учётную запись CallTimeX без пароля.

Войти:
{{signInUrl}}

Ссылка одноразовая и действует {{expiresInMinutes}} минут. Если в учётной записи включено приложение-аутентификатор, код из него всё равно понадобится.

Если вы не запрашивали ссылку, проигнорируйте письмо: без неё никто не войдёт. Много неудачных попыток входа может означать, что кто-то подбирает ваш пароль; длинный уникальный пароль и приложение-аутентификатор защитят учётную запись.`,
    },
    'export-ready': {
      subject: 'Выгрузка отчёта готова: {{reportName report}}',
      html: `<p>Отчёт «{{reportName report}}» за {{date from}} – {{date to}} ({{upper format}}) готов.</p>
{{> button url=downloadUrl label="Скачать"}}
<p>Для скачивания нужно войти в систему. Файл будет удалён {{date expiresAt}}.</p>`,
      text: `Отчёт «{{reportName report}}» за {{date from}} – {{date to}} ({{upper format}}) готов.

Скачать (нужен вход в систему): {{downloadUrl}}

Файл будет удалён {{date expiresAt}}.`,
    },
    'privacy-request-received': {
      subject: 'Получен запрос {{requestName requestType}}: {{employeeName}}',
      html: `<p>Подан {{requestDescription requestType}} сотрудника <strong>{{employeeName}}</strong>.</p>
{{#if note}}<p>Что исправить: {{note}}</p>
{{/if}}<p>Ответить нужно до <strong>{{date dueAt}}</strong>.</p>
{{> button url=requestUrl label="Открыть запрос"}}`,
      text: `Подан {{requestDescription requestType}} сотрудника {{employeeName}}.
{{#if note}}
Что исправить: {{note}}
{{/if}}
Ответить нужно до {{date dueAt}}.

Открыть запрос: {{requestUrl}}`,
    },
    'privacy-request-completed': {
      subject:
        '{{#if (eq outcome "completed")}}Запрос о персональных данных выполнен{{else}}В запросе о персональных данных отказано{{/if}}',
      html: `{{#if (eq outcome "completed")}}<p>Запрос {{requestName requestType}} сотрудника <strong>{{employeeName}}</strong> выполнен.</p>
{{#if downloadUrl}}{{> button url=downloadUrl label="Скачать данные"}}{{/if}}{{else}}<p>Запрос {{requestName requestType}} сотрудника <strong>{{employeeName}}</strong> не может быть выполнен.</p>
<p>Причина: {{reason}}</p>{{/if}}`,
      text: `{{#if (eq outcome "completed")}}Запрос {{requestName requestType}} сотрудника {{employeeName}} выполнен.{{#if downloadUrl}}

Скачать данные (нужен вход в систему): {{downloadUrl}}{{/if}}{{else}}Запрос {{requestName requestType}} сотрудника {{employeeName}} не может быть выполнен.

Причина: {{reason}}{{/if}}`,
    },
    'privacy-request-due-soon': {
      subject: 'Срок ответа на запрос ({{employeeName}}) истекает через {{daysLeft}} дн.',
      html: `<p>Запрос {{requestName requestType}} сотрудника <strong>{{employeeName}}</strong> ещё открыт; срок — <strong>{{date dueAt}}</strong> (осталось дней: {{daysLeft}}).</p>
{{> button url=requestUrl label="Ответить на запрос"}}`,
      text: `Запрос {{requestName requestType}} сотрудника {{employeeName}} ещё открыт; срок — {{date dueAt}} (осталось дней: {{daysLeft}}).

Ответить на запрос: {{requestUrl}}`,
    },
    'policy-change': {
      subject: 'Политика конфиденциальности меняется с {{date effectiveAt}}',
      html: `<p>{{date publishedAt}} опубликована новая редакция ({{version}}) политики конфиденциальности. Она вступает в силу <strong>{{date effectiveAt}}</strong>.</p>
{{#if summary}}<p>Что меняется: {{summary}}</p>{{/if}}
{{> button url=policyUrl label="Прочитать новую редакцию"}}`,
      text: `{{date publishedAt}} опубликована новая редакция ({{version}}) политики конфиденциальности. Она вступает в силу {{date effectiveAt}}.
{{#if summary}}
Что меняется: {{summary}}
{{/if}}
Прочитать новую редакцию: {{policyUrl}}`,
    },
    'scheduled-report': {
      subject:
        '{{#if (eq report "summary")}}{{#if (eq frequency "weekly")}}Недельная{{else}}Месячная{{/if}} сводка{{else}}Отчёт «{{reportName report}}» за {{#if (eq frequency "weekly")}}неделю{{else}}месяц{{/if}}{{/if}}: {{date from}} – {{date to}}',
      html: `<p>Ваша {{#if (eq frequency "weekly")}}недельная{{else}}месячная{{/if}} сводка ({{scope}}) за {{date from}} – {{date to}}:</p>
<ul><li>Сотрудников с активностью: <strong>{{number employees}}</strong></li>
<li>Активное время: <strong>{{duration activeSeconds}}</strong></li>
<li>Продуктивное время: <strong>{{duration productiveSeconds}}</strong></li></ul>
<p>{{#if attached}}Полный отчёт — во вложении.{{else}}Полный отчёт готов к скачиванию.{{/if}}</p>
{{> button url=downloadUrl label="Открыть отчёт"}}`,
      text: `Ваша {{#if (eq frequency "weekly")}}недельная{{else}}месячная{{/if}} сводка ({{scope}}) за {{date from}} – {{date to}}:

- Сотрудников с активностью: {{number employees}}
- Активное время: {{duration activeSeconds}}
- Продуктивное время: {{duration productiveSeconds}}

{{#if attached}}Полный отчёт — во вложении.{{else}}Полный отчёт готов к скачиванию.{{/if}}
Открыть отчёт: {{downloadUrl}}`,
    },
    'product-news': {
      subject: '{{title}}',
      html: `<p>{{body}}</p>{{#if url}}{{> button url=url label="Подробнее"}}{{/if}}`,
      text: `{{body}}{{#if url}}

Подробнее: {{url}}{{/if}}`,
    },
    'invoice-issued': {
      subject:
        '{{#if (eq kind "invoice")}}Счёт{{else}}Кредит-нота{{/if}} {{invoiceNumber}} от CallTimeX',
      html: `<p>{{#if (eq kind "invoice")}}Счёт{{else}}Кредит-нота{{/if}} <strong>{{invoiceNumber}}</strong> для {{organizationName}}, период {{period}}: <strong>{{total}}</strong>.</p>
<p>PDF во вложении.</p>
{{> button url=downloadUrl label="Открыть в CallTimeX"}}`,
      text: `{{#if (eq kind "invoice")}}Счёт{{else}}Кредит-нота{{/if}} {{invoiceNumber}} для {{organizationName}}, период {{period}}: {{total}}.

PDF во вложении.
Открыть в CallTimeX: {{downloadUrl}}`,
    },
    'absence-requested': {
      subject: 'Запрос на отсутствие: {{employeeName}}, {{date from}} – {{date to}}',
      html: `<p><strong>{{employeeName}}</strong> запрашивает отсутствие: {{absenceKind kind}} с <strong>{{date from}}</strong> по <strong>{{date to}}</strong> ({{workingDays workingDays}}).</p>
{{#if note}}<p>Комментарий: {{note}}</p>
{{/if}}{{#if year}}<p>Дней отпуска в {{year}} году останется, если запрос одобрят: <strong>{{number remainingDays}}</strong>.</p>
{{/if}}<p>Одобрите или отклоните его в CallTimeX:</p>
{{> button url=absencesUrl label="Открыть отсутствия"}}`,
      text: `{{employeeName}} запрашивает отсутствие: {{absenceKind kind}} с {{date from}} по {{date to}} ({{workingDays workingDays}}).
{{#if note}}
Комментарий: {{note}}
{{/if}}{{#if year}}
Дней отпуска в {{year}} году останется, если запрос одобрят: {{number remainingDays}}.
{{/if}}
Одобрите или отклоните его в CallTimeX: {{absencesUrl}}`,
    },
    'absence-decided': {
      subject:
        '{{#if (eq outcome "approved")}}Ваше отсутствие одобрено{{else}}Ваш запрос на отсутствие отклонён{{/if}}: {{date from}} – {{date to}}',
      html: `<p>{{deciderName}} {{#if (eq outcome "approved")}}одобряет{{else}}отклоняет{{/if}} ваш запрос: {{absenceKind kind}} с <strong>{{date from}}</strong> по <strong>{{date to}}</strong>.</p>
{{> button url=absencesUrl label="Открыть отсутствия"}}`,
      text: `{{deciderName}} {{#if (eq outcome "approved")}}одобряет{{else}}отклоняет{{/if}} ваш запрос: {{absenceKind kind}} с {{date from}} по {{date to}}.

Открыть отсутствия: {{absencesUrl}}`,
    },
    'timesheet-approval-requested': {
      subject:
        '{{#if (eq item "timesheet")}}Табель от {{employeeName}}: {{date from}} – {{date to}}{{else}}Ручное время от {{employeeName}}: {{datetime from}}{{/if}}',
      html: `<p><strong>{{employeeName}}</strong> {{#if (eq item "timesheet")}}отправляет табель за <strong>{{date from}} – {{date to}}</strong> ({{duration seconds}}){{else}}добавляет ручное время с <strong>{{datetime from}}</strong> по <strong>{{datetime to}}</strong> ({{duration seconds}}){{/if}}.</p>
{{#if note}}<p>Комментарий: {{note}}</p>
{{/if}}<p>Одобрите или верните на доработку в CallTimeX:</p>
{{> button url=approvalsUrl label="Открыть согласования"}}`,
      text: `{{employeeName}} {{#if (eq item "timesheet")}}отправляет табель за {{date from}} – {{date to}} ({{duration seconds}}){{else}}добавляет ручное время с {{datetime from}} по {{datetime to}} ({{duration seconds}}){{/if}}.
{{#if note}}
Комментарий: {{note}}
{{/if}}
Одобрите или верните на доработку в CallTimeX: {{approvalsUrl}}`,
    },
    'timesheet-approval-decided': {
      subject:
        '{{#if (eq item "timesheet")}}Ваш табель {{date from}} – {{date to}}{{else}}Ваше ручное время {{datetime from}}{{/if}}: {{#if (eq outcome "approved")}}одобрено{{else if (eq outcome "returned")}}возвращено на доработку{{else}}отклонено{{/if}}',
      html: `<p>{{deciderName}} {{#if (eq outcome "approved")}}одобряет{{else if (eq outcome "returned")}}возвращает на доработку{{else}}отклоняет{{/if}} {{#if (eq item "timesheet")}}ваш табель за <strong>{{date from}} – {{date to}}</strong>{{else}}ваше ручное время с <strong>{{datetime from}}</strong> по <strong>{{datetime to}}</strong>{{/if}}.</p>
{{#if comment}}<p>Комментарий: {{comment}}</p>
{{/if}}{{> button url=timesheetsUrl label="Открыть мой табель"}}`,
      text: `{{deciderName}} {{#if (eq outcome "approved")}}одобряет{{else if (eq outcome "returned")}}возвращает на доработку{{else}}отклоняет{{/if}} {{#if (eq item "timesheet")}}ваш табель за {{date from}} – {{date to}}{{else}}ваше ручное время с {{datetime from}} по {{datetime to}}{{/if}}.
{{#if comment}}
Комментарий: {{comment}}
{{/if}}
Открыть мой табель: {{timesheetsUrl}}`,
    },
  },
};
