import Handlebars from 'handlebars';
import {
  MAIL_TEMPLATES,
  type MailLocale,
  type MailParams,
  type MailTemplate,
} from './mail-catalog.js';
import { EN } from './templates/en.js';
import { BUTTON_PARTIAL, HTML_LAYOUT, TEXT_LAYOUT } from './templates/layout.js';
import type { LocaleTexts } from './templates/locale-texts.js';
import { RU } from './templates/ru.js';
import { UK } from './templates/uk.js';

export const LOCALE_TEXTS: Record<MailLocale, LocaleTexts> = { en: EN, ru: RU, uk: UK };

const INTL_LOCALE: Record<MailLocale, string> = { en: 'en-GB', ru: 'ru-RU', uk: 'uk-UA' };

export interface RenderContext {
  organizationName: string | null;
  /** Dates and times in mail are shown in this zone. */
  timeZone: string;
  /** Set for optional categories only. */
  unsubscribeUrl: string | null;
  preferencesUrl: string | null;
  essential: boolean;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

interface HelperData {
  locale: MailLocale;
  timeZone: string;
}

type Compiled = Handlebars.TemplateDelegate;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Template values are strings and numbers; anything else shows as nothing. */
function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function helperData(options: Handlebars.HelperOptions): HelperData {
  return (options.data as { root: unknown; ctx: HelperData }).ctx;
}

/** Handlebars templates for every mail in every language, compiled once. */
export class MailRenderer {
  private readonly hbs = Handlebars.create();
  private readonly compiled = new Map<string, Compiled>();
  private readonly htmlLayout: Compiled;
  private readonly textLayout: Compiled;

  constructor() {
    const hbs = this.hbs;
    hbs.registerPartial('button', BUTTON_PARTIAL);
    hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hbs.registerHelper('upper', (value: unknown) => str(value).toUpperCase());
    hbs.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => {
      const { locale, timeZone } = helperData(options);
      const text = str(value);
      // A calendar day is shown as that day, whatever the zone.
      const zone = DAY.test(text) ? 'UTC' : timeZone;
      const date = new Date(DAY.test(text) ? `${text}T00:00:00Z` : text);
      if (Number.isNaN(date.getTime())) return text;
      return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
        dateStyle: 'long',
        timeZone: zone,
      }).format(date);
    });
    hbs.registerHelper('datetime', (value: unknown, options: Handlebars.HelperOptions) => {
      const { locale, timeZone } = helperData(options);
      const date = new Date(str(value));
      if (Number.isNaN(date.getTime())) return str(value);
      const formatted = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone,
      }).format(date);
      return `${formatted} (${timeZone})`;
    });
    hbs.registerHelper('number', (value: unknown, options: Handlebars.HelperOptions) =>
      new Intl.NumberFormat(INTL_LOCALE[helperData(options).locale]).format(Number(value ?? 0)),
    );
    hbs.registerHelper('duration', (value: unknown, options: Handlebars.HelperOptions) => {
      const words = LOCALE_TEXTS[helperData(options).locale].words;
      const minutes = Math.round(Number(value ?? 0) / 60);
      const h = Math.floor(minutes / 60);
      const m = String(minutes % 60).padStart(2, '0');
      return `${h} ${words.hours} ${m} ${words.minutes}`;
    });
    hbs.registerHelper('reportName', (value: unknown, options: Handlebars.HelperOptions) => {
      const names = LOCALE_TEXTS[helperData(options).locale].words.reports;
      return names[value as keyof typeof names] ?? str(value);
    });
    hbs.registerHelper('roleName', (value: unknown, options: Handlebars.HelperOptions) => {
      const names = LOCALE_TEXTS[helperData(options).locale].words.roles;
      return names[value as keyof typeof names] ?? str(value);
    });
    hbs.registerHelper('absenceKind', (value: unknown, options: Handlebars.HelperOptions) => {
      const kinds = LOCALE_TEXTS[helperData(options).locale].words.absenceKinds;
      return kinds[value as keyof typeof kinds] ?? str(value);
    });
    hbs.registerHelper('workingDays', (value: unknown, options: Handlebars.HelperOptions) => {
      const { locale } = helperData(options);
      const n = Number(value ?? 0);
      const words = LOCALE_TEXTS[locale].words.workingDays;
      const form = words[new Intl.PluralRules(INTL_LOCALE[locale]).select(n)] ?? words.other;
      return `${new Intl.NumberFormat(INTL_LOCALE[locale]).format(n)} ${form}`;
    });
    for (const [helper, field] of [
      ['requestName', 'name'],
      ['requestTitle', 'title'],
      ['requestDescription', 'description'],
    ] as const) {
      hbs.registerHelper(helper, (value: unknown, options: Handlebars.HelperOptions) => {
        const requests = LOCALE_TEXTS[helperData(options).locale].words.requests;
        return requests[value as keyof typeof requests]?.[field] ?? str(value);
      });
    }
    this.htmlLayout = hbs.compile(HTML_LAYOUT, { strict: false });
    this.textLayout = hbs.compile(TEXT_LAYOUT, { noEscape: true });
    // Compile everything up front: a broken template fails start-up, not a mail at 3 a.m.
    for (const [locale, texts] of Object.entries(LOCALE_TEXTS)) {
      for (const template of MAIL_TEMPLATES) {
        const t = texts.templates[template];
        this.compiled.set(
          `${locale}/${template}/subject`,
          hbs.compile(t.subject, { noEscape: true }),
        );
        this.compiled.set(`${locale}/${template}/html`, hbs.compile(t.html));
        this.compiled.set(`${locale}/${template}/text`, hbs.compile(t.text, { noEscape: true }));
        for (const source of [t.subject, t.html, t.text]) hbs.precompile(source);
      }
    }
  }

  render<T extends MailTemplate>(
    template: T,
    locale: MailLocale,
    params: MailParams[T],
    context: RenderContext,
  ): RenderedMail {
    const texts = LOCALE_TEXTS[locale];
    const data = { ctx: { locale, timeZone: context.timeZone } satisfies HelperData };
    const part = (name: string) => {
      const fn = this.compiled.get(`${locale}/${template}/${name}`);
      if (!fn) throw new Error(`no template ${locale}/${template}/${name}`);
      return fn(params, { data });
    };
    const subject = part('subject').replace(/\s+/g, ' ').trim();
    const frame = {
      locale,
      subject,
      organizationName: context.organizationName,
      footer: context.essential ? texts.layout.essentialFooter : texts.layout.optionalFooter,
      unsubscribeUrl: context.unsubscribeUrl,
      unsubscribeLabel: texts.layout.unsubscribe,
      preferencesUrl: context.preferencesUrl,
      preferencesLabel: texts.layout.preferences,
    };
    return {
      subject,
      html: this.htmlLayout({ ...frame, body: part('html') }, { data }),
      text: this.textLayout({ ...frame, body: part('text') }, { data }),
    };
  }
}
