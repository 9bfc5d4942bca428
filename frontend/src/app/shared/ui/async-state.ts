import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  TemplateRef,
  computed,
  contentChild,
  inject,
  input,
  output,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import type { ResourceView } from '@app/shared/data/resource-view';

/**
 * The content of a `ctx-async-state` as a template: built only when there is data to show.
 * Projected content (`<ng-content />`) is created by the parent whether it is shown or not, so a
 * table projected into a block that is loading or empty is built all the same.
 */
@Directive({ selector: 'ng-template[ctxWhenReady]' })
export class WhenReady {
  readonly template = inject(TemplateRef);
}

/**
 * Loading, error, "not on this server" and empty states for one block of data. The content is a
 * `ctxWhenReady` template, built only when there is data; only an `empty-action` element (what
 * to do next, shown in the empty state) is projected. The states come from `view`, from the
 * inputs of the same names, or from both (loading or unavailable when either says so).
 */
@Component({
  selector: 'ctx-async-state',
  imports: [NgTemplateOutlet, MatProgressSpinner, MatIcon, MatButton, TranslatePipe],
  template: `
    @if (isLoading()) {
      <div class="state" role="status" aria-live="polite">
        <mat-spinner diameter="32" [attr.aria-label]="'common.loading' | t" />
      </div>
    } @else if (isUnavailable()) {
      <div class="state" role="status" data-testid="unavailable">
        <mat-icon aria-hidden="true">cloud_off</mat-icon>
        <p class="title">{{ 'common.unavailableTitle' | t }}</p>
        <p class="muted">{{ 'common.unavailable' | t }}</p>
      </div>
    } @else if (errorText(); as error) {
      <div class="state error" role="alert" data-testid="error">
        <mat-icon aria-hidden="true">error_outline</mat-icon>
        <p>{{ error }}</p>
        <button mat-stroked-button type="button" (click)="onRetry()">
          {{ 'common.retry' | t }}
        </button>
      </div>
    } @else if (empty()) {
      <div class="state" role="status" data-testid="empty">
        <mat-icon aria-hidden="true">{{ emptyIcon() }}</mat-icon>
        <p class="muted">{{ emptyText() || ('common.empty' | t) }}</p>
        <ng-content select="[empty-action]" />
      </div>
    } @else if (whenReady(); as ready) {
      <ng-container [ngTemplateOutlet]="ready.template" />
    }
  `,
  styles: `
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 8px;
      padding: 40px 16px;
      text-align: center;
      /* As tall as the empty state, so a block that loads into "nothing yet" does not move the page. */
      box-sizing: border-box;
      min-height: 152px;
    }
    .state mat-icon {
      font-size: 40px;
      width: 40px;
      height: 40px;
      color: var(--mat-sys-on-surface-variant);
    }
    .state.error mat-icon,
    .state.error p {
      color: var(--mat-sys-error);
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    p {
      margin: 0;
      max-width: 560px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AsyncState {
  readonly view = input<ResourceView<unknown>>();
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly unavailable = input(false);
  readonly empty = input(false);
  readonly emptyText = input<string>('');
  readonly emptyIcon = input('inbox');
  readonly retry = output();
  protected readonly whenReady = contentChild(WhenReady, { descendants: false });

  protected readonly isLoading = computed(() => this.loading() || !!this.view()?.loading());
  protected readonly isUnavailable = computed(
    () => this.unavailable() || !!this.view()?.unavailable(),
  );
  protected readonly errorText = computed(() => this.error() ?? this.view()?.error() ?? null);

  protected onRetry(): void {
    this.view()?.reload();
    this.retry.emit();
  }
}
