import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@app/core/i18n/t.pipe';

@Component({
  selector: 'ctx-not-found',
  imports: [RouterLink, MatButton, TranslatePipe],
  template: `
    <main class="page center">
      <h1>{{ 'notFound.title' | t }}</h1>
      <p>{{ 'notFound.text' | t }}</p>
      <a mat-flat-button routerLink="/">{{ 'notFound.home' | t }}</a>
    </main>
  `,
  styles: `
    .center {
      text-align: center;
      padding-top: 15vh;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFound {}
