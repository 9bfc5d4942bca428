/**
 * What mail exists. Security and transactional mail always goes out; reports and product news
 * are the recipient's choice (privacy policy 3.4) and carry a one-click unsubscribe.
 */
export const MAIL_CATEGORIES = ['security', 'transactional', 'reports', 'product'] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];

export const OPTIONAL_CATEGORIES = ['reports', 'product'] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

export const CATEGORY_DEFAULTS: Record<OptionalCategory, boolean> = {
  reports: true,
  product: false,
};

export function isOptional(category: MailCategory): category is OptionalCategory {
  return (OPTIONAL_CATEGORIES as readonly string[]).includes(category);
}

export const MAIL_LOCALES = ['en', 'ru', 'uk'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export function toMailLocale(value: string | null | undefined): MailLocale | null {
  return (MAIL_LOCALES as readonly string[]).includes(value ?? '') ? (value as MailLocale) : null;
}

export type PrivacyRequestType = 'access' | 'erasure' | 'rectification';

/** The kinds of absence mails name (the working-time module's kinds, spelled out here). */
export const ABSENCE_MAIL_KINDS = ['vacation', 'sick', 'other'] as const;
export type AbsenceMailKind = (typeof ABSENCE_MAIL_KINDS)[number];

/** Every template with its parameters. Dates are ISO 8601 strings; links are absolute. */
/** The reports a mail can name; each has a name in every language (templates/*.ts words.reports). */
export const MAIL_REPORT_KINDS = [
  'summary',
  'usage',
  'timeline',
  'attendance',
  'attendance-totals',
  'payroll',
] as const;
export type MailReportKind = (typeof MAIL_REPORT_KINDS)[number];

export interface MailParams {
  invitation: {
    organizationName: string;
    inviterName: string;
    role: string;
    acceptUrl: string;
    expiresAt: string;
  };
  'password-reset': { resetUrl: string; expiresInMinutes: number };
  'sign-in-link': { signInUrl: string; expiresInMinutes: number };
  'export-ready': {
    report: MailReportKind;
    format: string;
    from: string;
    to: string;
    downloadUrl: string;
    expiresAt: string;
  };
  'privacy-request-received': {
    requestType: PrivacyRequestType;
    employeeName: string;
    dueAt: string;
    requestUrl: string;
    /** A rectification's note: what the person wants corrected. */
    note?: string;
  };
  'privacy-request-completed': {
    requestType: PrivacyRequestType;
    employeeName: string;
    outcome: 'completed' | 'rejected';
    reason?: string;
    downloadUrl?: string;
  };
  'privacy-request-due-soon': {
    requestType: PrivacyRequestType;
    employeeName: string;
    dueAt: string;
    daysLeft: number;
    requestUrl: string;
  };
  'policy-change': {
    version: string;
    publishedAt: string;
    effectiveAt: string;
    policyUrl: string;
    summary?: string;
  };
  'scheduled-report': {
    report: MailReportKind;
    frequency: 'weekly' | 'monthly';
    from: string;
    to: string;
    scope: string;
    employees: number;
    activeSeconds: number;
    productiveSeconds: number;
    downloadUrl: string;
    attached: boolean;
  };
  'product-news': { title: string; body: string; url?: string };
  'invoice-issued': {
    kind: 'invoice' | 'credit-note';
    invoiceNumber: number;
    organizationName: string;
    period: string;
    total: string;
    downloadUrl: string;
  };
  /** To those who can approve or reject it. Days are YYYY-MM-DD, inclusive. */
  'absence-requested': {
    employeeName: string;
    kind: AbsenceMailKind;
    from: string;
    to: string;
    /** The employee's working days it covers (their schedule, holidays left out). */
    workingDays: number;
    note?: string;
    /** A vacation: the year it starts in and the vacation days left in it with this request. */
    year?: number;
    remainingDays?: number;
    absencesUrl: string;
  };
  /** To the employee whose request was approved or rejected. */
  'absence-decided': {
    kind: AbsenceMailKind;
    from: string;
    to: string;
    outcome: 'approved' | 'rejected';
    deciderName: string;
    absencesUrl: string;
  };
  /** To the people who can decide: a manual time entry or a timesheet waits for approval. */
  'timesheet-approval-requested': {
    employeeName: string;
    /** A manual time entry (from/to are instants) or a timesheet (from/to are days). */
    item: 'entry' | 'timesheet';
    from: string;
    to: string;
    /** Manual seconds of the entry, or every second of the timesheet. */
    seconds: number;
    note?: string;
    approvalsUrl: string;
  };
  /** To the employee: their entry or timesheet was approved, rejected or sent back. */
  'timesheet-approval-decided': {
    item: 'entry' | 'timesheet';
    from: string;
    to: string;
    outcome: 'approved' | 'rejected' | 'returned';
    deciderName: string;
    comment?: string;
    timesheetsUrl: string;
  };
}

export type MailTemplate = keyof MailParams;

export const TEMPLATE_CATEGORY: Record<MailTemplate, MailCategory> = {
  invitation: 'transactional',
  'password-reset': 'security',
  'sign-in-link': 'security',
  'export-ready': 'transactional',
  'privacy-request-received': 'transactional',
  'privacy-request-completed': 'transactional',
  'privacy-request-due-soon': 'transactional',
  // The policy's own rule (8.1): every change is announced by mail, so no one can opt out.
  'policy-change': 'transactional',
  'scheduled-report': 'reports',
  'product-news': 'product',
  'invoice-issued': 'transactional',
  // A request waits on its deciders, and the employee on the answer: not something to opt out of.
  'absence-requested': 'transactional',
  'absence-decided': 'transactional',
  'timesheet-approval-requested': 'transactional',
  'timesheet-approval-decided': 'transactional',
};

export const MAIL_TEMPLATES = Object.keys(TEMPLATE_CATEGORY) as MailTemplate[];
