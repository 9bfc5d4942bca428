import { signal, type WritableSignal } from '@angular/core';
import type { PageEvent } from '@angular/material/paginator';

/** Page index and size of a list the server pages; `ctx-data-table [pager]` shows the paginator. */
export class Pager {
  readonly index = signal(0);
  readonly size: WritableSignal<number>;

  constructor(
    size: number,
    readonly sizeOptions: number[] = [10, 25, 50, 100],
  ) {
    this.size = signal(size);
  }

  /** The query parameters the API takes (its pages count from 1). */
  params(): { page: number; pageSize: number } {
    return { page: this.index() + 1, pageSize: this.size() };
  }

  set(event: PageEvent): void {
    this.index.set(event.pageIndex);
    this.size.set(event.pageSize);
  }

  /** Back to the first page, as a new filter changes what the pages hold. */
  reset(): void {
    this.index.set(0);
  }
}
