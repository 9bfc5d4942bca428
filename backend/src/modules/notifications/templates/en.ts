import type { LocaleTexts } from './locale-texts.js';

export const EN: LocaleTexts = {
  layout: {
    essentialFooter:
      'You receive this message because it concerns your account or your organization’s obligations; it cannot be turned off.',
    optionalFooter: 'You receive this message because you subscribed to it in CallTimeX.',
    unsubscribe: 'Unsubscribe',
    preferences: 'Mail preferences',
  },
  words: {
    reports: {
      summary: 'summary',
      usage: 'usage',
      timeline: 'timeline',
      attendance: 'attendance',
      'attendance-totals': 'attendance totals',
      payroll: 'payroll',
    },
    roles: {
      owner: 'owner',
      admin: 'administrator',
      hr: 'HR',
      manager: 'manager',
      employee: 'employee',
    },
    requests: {
      access: {
        name: 'data access',
        title: 'Data access',
        description: 'request for a copy of all personal data',
      },
      erasure: {
        name: 'erasure',
        title: 'Erasure',
        description: 'request to erase all personal data',
      },
      rectification: {
        name: 'rectification',
        title: 'Rectification',
        description: 'request to correct personal data',
      },
    },
    hours: 'h',
    minutes: 'min',
    absenceKinds: { vacation: 'vacation', sick: 'sick leave', other: 'other absence' },
    workingDays: { one: 'working day', other: 'working days' },
  },
  templates: {
    invitation: {
      subject: 'You are invited to {{organizationName}} on CallTimeX',
      html: `<p>Hello,</p>
<p>{{inviterName}} invited you to join <strong>{{organizationName}}</strong> on CallTimeX as <strong>{{roleName role}}</strong>.</p>
<p>Choose your password to accept:</p>
{{> button url=acceptUrl label="Accept the invitation"}}
<p>The link works once and expires on {{datetime expiresAt}}. If you did not expect this invitation, ignore this message.</p>`,
      text: `Hello,

{{inviterName}} invited you to join {{organizationName}} on CallTimeX as {{roleName role}}.

Choose your password to accept:
{{acceptUrl}}

The link works once and expires on {{datetime expiresAt}}. If you did not expect this invitation, ignore this message.`,
    },
    'password-reset': {
      subject: 'Reset your CallTimeX password',
      html: `<p>Someone (hopefully you) asked to reset the password of this CallTimeX account.</p>
{{> button url=resetUrl label="Choose a new password"}}
<p>The link works once and expires in {{expiresInMinutes}} minutes. Signing in with the new password ends all other sessions.</p>
<p>If you did not ask for this, ignore this message: your password stays as it is.</p>`,
      text: `Someone (hopefully you) asked to reset the password of this CallTimeX account.

Choose a new password:
{{resetUrl}}

The link works once and expires in {{expiresInMinutes}} minutes. Signing in with the new password ends all other sessions.

If you did not ask for this, ignore this message: your password stays as it is.`,
    },
    'sign-in-link': {
      subject: 'Your CallTimeX sign-in link',
      html: `<p>Someone (hopefully you) asked for a link to sign in to this CallTimeX account without a password.</p>
{{> button url=signInUrl label="Sign in"}}
<p>The link works once and expires in {{expiresInMinutes}} minutes. If the account uses an authenticator app, you will still be asked for its code.</p>
<p>If you did not ask for this, ignore this message: nobody can sign in without the link. Many failed sign-ins may mean someone is guessing your password; a long, unique password and an authenticator app keep the account safe.</p>`,
      text: `Someone (hopefully you) asked for a link to sign in to this CallTimeX account without a password.

Sign in:
{{signInUrl}}

The link works once and expires in {{expiresInMinutes}} minutes. If the account uses an authenticator app, you will still be asked for its code.

If you did not ask for this, ignore this message: nobody can sign in without the link. Many failed sign-ins may mean someone is guessing your password; a long, unique password and an authenticator app keep the account safe.`,
    },
    'export-ready': {
      subject: 'Your {{reportName report}} export is ready',
      html: `<p>The {{reportName report}} report for {{date from}} – {{date to}} ({{upper format}}) is ready.</p>
{{> button url=downloadUrl label="Download"}}
<p>Sign in to download it. The file is deleted on {{date expiresAt}}.</p>`,
      text: `The {{reportName report}} report for {{date from}} – {{date to}} ({{upper format}}) is ready.

Download (sign-in required): {{downloadUrl}}

The file is deleted on {{date expiresAt}}.`,
    },
    'privacy-request-received': {
      subject: '{{requestTitle requestType}} request received for {{employeeName}}',
      html: `<p>A {{requestDescription requestType}} of <strong>{{employeeName}}</strong> was filed.</p>
{{#if note}}<p>What should be corrected: {{note}}</p>
{{/if}}<p>It must be answered by <strong>{{date dueAt}}</strong>.</p>
{{> button url=requestUrl label="Open the request"}}`,
      text: `A {{requestDescription requestType}} of {{employeeName}} was filed.
{{#if note}}
What should be corrected: {{note}}
{{/if}}
It must be answered by {{date dueAt}}.

Open the request: {{requestUrl}}`,
    },
    'privacy-request-completed': {
      subject:
        '{{#if (eq outcome "completed")}}Your privacy request is complete{{else}}Your privacy request was refused{{/if}}',
      html: `{{#if (eq outcome "completed")}}<p>The {{requestName requestType}} request for <strong>{{employeeName}}</strong> is complete.</p>
{{#if downloadUrl}}{{> button url=downloadUrl label="Download the data"}}{{/if}}{{else}}<p>The {{requestName requestType}} request for <strong>{{employeeName}}</strong> could not be carried out.</p>
<p>Reason: {{reason}}</p>{{/if}}`,
      text: `{{#if (eq outcome "completed")}}The {{requestName requestType}} request for {{employeeName}} is complete.{{#if downloadUrl}}

Download the data (sign-in required): {{downloadUrl}}{{/if}}{{else}}The {{requestName requestType}} request for {{employeeName}} could not be carried out.

Reason: {{reason}}{{/if}}`,
    },
    'privacy-request-due-soon': {
      subject: 'Privacy request for {{employeeName}} is due in {{daysLeft}} days',
      html: `<p>The {{requestName requestType}} request for <strong>{{employeeName}}</strong> is still open and due on <strong>{{date dueAt}}</strong> ({{daysLeft}} days left).</p>
{{> button url=requestUrl label="Answer the request"}}`,
      text: `The {{requestName requestType}} request for {{employeeName}} is still open and due on {{date dueAt}} ({{daysLeft}} days left).

Answer the request: {{requestUrl}}`,
    },
    'policy-change': {
      subject: 'Our privacy policy changes on {{date effectiveAt}}',
      html: `<p>A new version ({{version}}) of the privacy policy was published on {{date publishedAt}}. It takes effect on <strong>{{date effectiveAt}}</strong>.</p>
{{#if summary}}<p>What changes: {{summary}}</p>{{/if}}
{{> button url=policyUrl label="Read the new policy"}}`,
      text: `A new version ({{version}}) of the privacy policy was published on {{date publishedAt}}. It takes effect on {{date effectiveAt}}.
{{#if summary}}
What changes: {{summary}}
{{/if}}
Read the new policy: {{policyUrl}}`,
    },
    'scheduled-report': {
      subject:
        '{{#if (eq report "summary")}}{{#if (eq frequency "weekly")}}Weekly{{else}}Monthly{{/if}} summary{{else}}{{#if (eq frequency "weekly")}}Weekly{{else}}Monthly{{/if}} {{reportName report}} report{{/if}}: {{date from}} – {{date to}}',
      html: `<p>Your {{#if (eq frequency "weekly")}}weekly{{else}}monthly{{/if}} summary for {{scope}}, {{date from}} – {{date to}}:</p>
<ul><li>Employees with activity: <strong>{{number employees}}</strong></li>
<li>Active time: <strong>{{duration activeSeconds}}</strong></li>
<li>Productive time: <strong>{{duration productiveSeconds}}</strong></li></ul>
<p>{{#if attached}}The full report is attached.{{else}}The full report is ready to download.{{/if}}</p>
{{> button url=downloadUrl label="Open the report"}}`,
      text: `Your {{#if (eq frequency "weekly")}}weekly{{else}}monthly{{/if}} summary for {{scope}}, {{date from}} – {{date to}}:

- Employees with activity: {{number employees}}
- Active time: {{duration activeSeconds}}
- Productive time: {{duration productiveSeconds}}

{{#if attached}}The full report is attached.{{else}}The full report is ready to download.{{/if}}
Open the report: {{downloadUrl}}`,
    },
    'product-news': {
      subject: '{{title}}',
      html: `<p>{{body}}</p>{{#if url}}{{> button url=url label="Read more"}}{{/if}}`,
      text: `{{body}}{{#if url}}

Read more: {{url}}{{/if}}`,
    },
    'invoice-issued': {
      subject:
        '{{#if (eq kind "invoice")}}Invoice{{else}}Credit note{{/if}} {{invoiceNumber}} from CallTimeX',
      html: `<p>{{#if (eq kind "invoice")}}Invoice{{else}}Credit note{{/if}} <strong>{{invoiceNumber}}</strong> for {{organizationName}}, period {{period}}: <strong>{{total}}</strong>.</p>
<p>The PDF is attached.</p>
{{> button url=downloadUrl label="Open in CallTimeX"}}`,
      text: `{{#if (eq kind "invoice")}}Invoice{{else}}Credit note{{/if}} {{invoiceNumber}} for {{organizationName}}, period {{period}}: {{total}}.

The PDF is attached.
Open in CallTimeX: {{downloadUrl}}`,
    },
    'absence-requested': {
      subject: 'Absence request from {{employeeName}}: {{date from}} – {{date to}}',
      html: `<p><strong>{{employeeName}}</strong> asks for an absence: {{absenceKind kind}} from <strong>{{date from}}</strong> to <strong>{{date to}}</strong> ({{workingDays workingDays}}).</p>
{{#if note}}<p>Note: {{note}}</p>
{{/if}}{{#if year}}<p>Vacation days left in {{year}} if it is approved: <strong>{{number remainingDays}}</strong>.</p>
{{/if}}<p>Approve or reject it in CallTimeX:</p>
{{> button url=absencesUrl label="Open absences"}}`,
      text: `{{employeeName}} asks for an absence: {{absenceKind kind}} from {{date from}} to {{date to}} ({{workingDays workingDays}}).
{{#if note}}
Note: {{note}}
{{/if}}{{#if year}}
Vacation days left in {{year}} if it is approved: {{number remainingDays}}.
{{/if}}
Approve or reject it in CallTimeX: {{absencesUrl}}`,
    },
    'absence-decided': {
      subject:
        '{{#if (eq outcome "approved")}}Your absence is approved{{else}}Your absence request was rejected{{/if}}: {{date from}} – {{date to}}',
      html: `<p>{{deciderName}} {{#if (eq outcome "approved")}}approved{{else}}rejected{{/if}} your request: {{absenceKind kind}} from <strong>{{date from}}</strong> to <strong>{{date to}}</strong>.</p>
{{> button url=absencesUrl label="Open absences"}}`,
      text: `{{deciderName}} {{#if (eq outcome "approved")}}approved{{else}}rejected{{/if}} your request: {{absenceKind kind}} from {{date from}} to {{date to}}.

Open absences: {{absencesUrl}}`,
    },
    'timesheet-approval-requested': {
      subject:
        '{{#if (eq item "timesheet")}}Timesheet from {{employeeName}}: {{date from}} – {{date to}}{{else}}Manual time from {{employeeName}}: {{datetime from}}{{/if}}',
      html: `<p><strong>{{employeeName}}</strong> {{#if (eq item "timesheet")}}submitted the timesheet for <strong>{{date from}} – {{date to}}</strong> ({{duration seconds}}){{else}}added manual time from <strong>{{datetime from}}</strong> to <strong>{{datetime to}}</strong> ({{duration seconds}}){{/if}}.</p>
{{#if note}}<p>Note: {{note}}</p>
{{/if}}<p>Approve it or send it back in CallTimeX:</p>
{{> button url=approvalsUrl label="Open approvals"}}`,
      text: `{{employeeName}} {{#if (eq item "timesheet")}}submitted the timesheet for {{date from}} – {{date to}} ({{duration seconds}}){{else}}added manual time from {{datetime from}} to {{datetime to}} ({{duration seconds}}){{/if}}.
{{#if note}}
Note: {{note}}
{{/if}}
Approve it or send it back in CallTimeX: {{approvalsUrl}}`,
    },
    'timesheet-approval-decided': {
      subject:
        '{{#if (eq item "timesheet")}}Your timesheet {{date from}} – {{date to}}{{else}}Your manual time {{datetime from}}{{/if}}: {{#if (eq outcome "approved")}}approved{{else if (eq outcome "returned")}}sent back{{else}}rejected{{/if}}',
      html: `<p>{{deciderName}} {{#if (eq outcome "approved")}}approved{{else if (eq outcome "returned")}}sent back{{else}}rejected{{/if}} {{#if (eq item "timesheet")}}your timesheet for <strong>{{date from}} – {{date to}}</strong>{{else}}your manual time from <strong>{{datetime from}}</strong> to <strong>{{datetime to}}</strong>{{/if}}.</p>
{{#if comment}}<p>Comment: {{comment}}</p>
{{/if}}{{> button url=timesheetsUrl label="Open my timesheet"}}`,
      text: `{{deciderName}} {{#if (eq outcome "approved")}}approved{{else if (eq outcome "returned")}}sent back{{else}}rejected{{/if}} {{#if (eq item "timesheet")}}your timesheet for {{date from}} – {{date to}}{{else}}your manual time from {{datetime from}} to {{datetime to}}{{/if}}.
{{#if comment}}
Comment: {{comment}}
{{/if}}
Open my timesheet: {{timesheetsUrl}}`,
    },
  },
};
