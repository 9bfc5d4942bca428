import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { I18n, LANGUAGES } from '@app/core/i18n/i18n.service';

@Component({
  selector: 'ctx-language-links',
  imports: [MatButton],
  template: `
    <nav class="langs" aria-label="Language / Язык / Мова">
      @for (lang of languages; track lang) {
        <button
          mat-button
          type="button"
          [attr.lang]="lang"
          [attr.aria-pressed]="i18n.language() === lang"
          (click)="use(lang)"
        >
          {{ names[lang] }}
        </button>
      }
    </nav>
  `,
  styles: `
    .langs {
      display: flex;
      gap: 4px;
      justify-content: center;
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageLinks {
  protected readonly i18n = inject(I18n);
  protected readonly languages = LANGUAGES;
  protected readonly names = { en: 'English', ru: 'Русский', uk: 'Українська' } as const;

  protected use(lang: (typeof LANGUAGES)[number]): void {
    void this.i18n.use(lang);
  }
}
