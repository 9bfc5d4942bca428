import { HttpClient } from '@angular/common/http';
import { DOCUMENT, Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** Downloads need the bearer token, so they go through HttpClient and a blob link. */
@Injectable({ providedIn: 'root' })
export class Downloads {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  async save(url: string, fileName: string): Promise<void> {
    const path = url.startsWith('/api/') ? url : `/api/v1${url.startsWith('/') ? '' : '/'}${url}`;
    const blob = await firstValueFrom(this.http.get(path, { responseType: 'blob' }));
    const href = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = href;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
}
