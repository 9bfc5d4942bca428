import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, inject, signal } from '@angular/core';
import { api } from '@app/core/http/api';

export type ImageState =
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  | { status: 'missing' }
  | { status: 'failed' };

/**
 * Images behind the bearer token: fetched as blobs through HttpClient and shown by object URL.
 * Each URL is revoked when its image is dropped (`keepOnly`) or the owner is destroyed.
 */
export class BlobImages {
  private readonly states = signal<ReadonlyMap<string, ImageState>>(new Map());

  constructor(private readonly http: HttpClient) {}

  state(path: string): ImageState | undefined {
    return this.states().get(path);
  }

  url(path: string): string | null {
    const state = this.states().get(path);
    return state?.status === 'ready' ? state.url : null;
  }

  load(path: string): void {
    if (this.states().has(path)) return;
    this.set(path, { status: 'loading' });
    this.http.get(api(path), { responseType: 'blob' }).subscribe({
      next: (blob) => {
        // Dropped while in flight: nothing will show it.
        if (this.states().get(path)?.status !== 'loading') return;
        this.set(path, { status: 'ready', url: URL.createObjectURL(blob) });
      },
      error: (error: unknown) => {
        if (this.states().get(path)?.status !== 'loading') return;
        const missing = error instanceof HttpErrorResponse && error.status === 404;
        this.set(path, { status: missing ? 'missing' : 'failed' });
      },
    });
  }

  /**
   * Revokes and forgets every image but these. What answered 404 or failed is remembered (it holds
   * no URL), so it is not asked for again.
   */
  keepOnly(paths: Iterable<string>): void {
    const keep = new Set(paths);
    const next = new Map<string, ImageState>();
    let dropped = false;
    for (const [path, state] of this.states()) {
      if (keep.has(path) || state.status === 'missing' || state.status === 'failed') {
        next.set(path, state);
        continue;
      }
      dropped = true;
      if (state.status === 'ready') URL.revokeObjectURL(state.url);
    }
    if (dropped) this.states.set(next);
  }

  clear(): void {
    for (const state of this.states().values()) {
      if (state.status === 'ready') URL.revokeObjectURL(state.url);
    }
    this.states.set(new Map());
  }

  private set(path: string, state: ImageState): void {
    this.states.update((states) => new Map(states).set(path, state));
  }
}

/** A BlobImages owned by the calling component: its URLs are revoked when it is destroyed. */
export function blobImages(): BlobImages {
  const images = new BlobImages(inject(HttpClient));
  inject(DestroyRef).onDestroy(() => images.clear());
  return images;
}
