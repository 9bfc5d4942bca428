import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';

export type ThemeMode = 'light' | 'dark';
const STORAGE_KEY = 'ctx.theme';

@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  readonly mode = signal<ThemeMode>(this.initial());

  constructor() {
    effect(() =>
      this.document.documentElement.classList.toggle('dark-theme', this.mode() === 'dark'),
    );
  }

  toggle(): void {
    const mode = this.mode() === 'dark' ? 'light' : 'dark';
    this.mode.set(mode);
    // Stored when chosen, not on every start: until a person chooses, the console follows the
    // system's setting, and a page load does not write to storage.
    globalThis.localStorage?.setItem(STORAGE_KEY, mode);
  }

  private initial(): ThemeMode {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'light' || stored === 'dark') return stored;
    return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
}
