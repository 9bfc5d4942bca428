import type { AbsenceMailKind, MailTemplate, PrivacyRequestType } from '../mail-catalog.js';

export interface TemplateTexts {
  /** Handlebars, rendered without HTML escaping (a header is plain text). */
  subject: string;
  html: string;
  text: string;
}

export interface LocaleTexts {
  layout: {
    /** Why an essential mail came and why it cannot be turned off. */
    essentialFooter: string;
    /** Why an optional mail came. */
    optionalFooter: string;
    unsubscribe: string;
    preferences: string;
  };
  /** Words the helpers put into templates: report and role names, units. */
  words: {
    reports: Record<'summary' | 'usage' | 'timeline', string>;
    roles: Record<'owner' | 'admin' | 'hr' | 'manager' | 'employee', string>;
    /** A privacy request's type: as in "the … request", as a subject's start, as what was asked. */
    requests: Record<PrivacyRequestType, { name: string; title: string; description: string }>;
    hours: string;
    minutes: string;
    /** An absence's kind, as a noun on its own ("vacation"). */
    absenceKinds: Record<AbsenceMailKind, string>;
    /** "working days" after a count, by the locale's plural category (Intl.PluralRules). */
    workingDays: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  };
  templates: Record<MailTemplate, TemplateTexts>;
}
