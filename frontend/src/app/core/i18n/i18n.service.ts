import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { en, type Dictionary } from './en';

export const LANGUAGES = ['en', 'ru', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type TranslationKey = Leaves<Dictionary>;

const STORAGE_KEY = 'ctx.lang';

const loaders: Record<Language, () => Promise<Dictionary>> = {
  en: () => Promise.resolve(en),
  ru: () => import('./ru').then((m) => m.ru),
  uk: () => import('./uk').then((m) => m.uk),
};

function lookup(dict: Dictionary, key: string): string | undefined {
  let node: unknown = dict;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return browser === 'ru' || browser === 'uk' ? browser : 'en';
}

/** Run-time translations: dictionaries are plain objects, the language is a signal. */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly dict = signal<Dictionary>(en);
  private readonly current = signal<Language>('en');

  readonly language = this.current.asReadonly();
  readonly locale = computed(() => this.current());

  constructor() {
    const lang = initialLanguage();
    if (lang !== 'en') void this.use(lang);
    else this.apply('en', en);
  }

  async use(lang: Language): Promise<void> {
    const dict = await loaders[lang]();
    this.apply(lang, dict);
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  }

  t(key: TranslationKey, params?: Record<string, string | number>): string {
    const text = lookup(this.dict(), key) ?? lookup(en, key) ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (_, name: string) =>
      params[name] === undefined ? `{${name}}` : String(params[name]),
    );
  }

  private apply(lang: Language, dict: Dictionary): void {
    this.dict.set(dict);
    this.current.set(lang);
    this.document.documentElement.lang = lang;
  }
}
