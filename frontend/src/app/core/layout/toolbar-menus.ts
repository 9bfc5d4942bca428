import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Auth } from '../auth/auth.service';
import { I18n, LANGUAGES, type Language } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { Theme } from '../theme/theme.service';

const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  uk: 'Українська',
};

/**
 * The toolbar's language menu, theme switch and account menu. A component of its own so that the
 * shell can render it after the first paint: menus and tooltips bring the CDK overlay with them
 * (about 100 KB before compression), and nothing on a page's first screen opens one.
 */
@Component({
  selector: 'ctx-toolbar-menus',
  imports: [
    RouterLink,
    MatButton,
    MatIconButton,
    MatDivider,
    MatIcon,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatTooltip,
    TranslatePipe,
  ],
  template: `
    <button
      mat-button
      [matMenuTriggerFor]="langMenu"
      [attr.aria-label]="('nav.language' | t) + ' ' + i18n.language().toUpperCase()"
      data-testid="language-menu"
    >
      <mat-icon>translate</mat-icon>
      {{ i18n.language().toUpperCase() }}
    </button>
    <mat-menu #langMenu="matMenu">
      @for (lang of languages; track lang) {
        <button
          mat-menu-item
          (click)="setLanguage(lang)"
          [attr.lang]="lang"
          [attr.data-testid]="'lang-' + lang"
        >
          {{ languageNames[lang] }}
        </button>
      }
    </mat-menu>
    <button
      mat-icon-button
      (click)="theme.toggle()"
      [attr.aria-label]="'nav.toggleTheme' | t"
      [matTooltip]="'nav.toggleTheme' | t"
    >
      <mat-icon>{{ theme.mode() === 'dark' ? 'light_mode' : 'dark_mode' }}</mat-icon>
    </button>
    <button
      mat-icon-button
      [matMenuTriggerFor]="userMenu"
      [attr.aria-label]="'nav.account' | t"
      data-testid="user-menu"
    >
      <mat-icon>account_circle</mat-icon>
    </button>
    <mat-menu #userMenu="matMenu">
      <div class="user-box" mat-menu-item disabled>
        {{ auth.user()?.fullName || auth.user()?.email }}
        <span class="muted">· {{ 'roles.' + auth.user()?.role | t }}</span>
      </div>
      <mat-divider />
      <a mat-menu-item routerLink="/me">
        <mat-icon>person</mat-icon>
        {{ 'nav.me' | t }}
      </a>
      <button mat-menu-item (click)="signOut()" data-testid="sign-out">
        <mat-icon>logout</mat-icon>
        {{ 'auth.signOut' | t }}
      </button>
    </mat-menu>
  `,
  styles: `
    :host {
      display: contents;
    }
    .user-box {
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToolbarMenus {
  protected readonly auth = inject(Auth);
  protected readonly i18n = inject(I18n);
  protected readonly theme = inject(Theme);
  protected readonly languages = LANGUAGES;
  protected readonly languageNames = LANGUAGE_NAMES;

  protected setLanguage(lang: Language): void {
    void this.i18n.use(lang);
  }

  protected signOut(): void {
    void this.auth.signOut();
  }
}
