import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export const API_BASE = '/api/v1';

/** Requests that must not carry the user's bearer or trigger a refresh (sign-in, refresh itself). */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

export type QueryValue = string | number | boolean | null | undefined;

export function api(path: string): string {
  return `${API_BASE}${path}`;
}

/** Drops empty values so optional filters do not reach the server as `teamId=`. */
export function query(values: Record<string, QueryValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') out[key] = String(value);
  }
  return out;
}

/** Writes (and one-off reads) as promises; pages read lists through `httpResource`. */
@Injectable({ providedIn: 'root' })
export class Api {
  private readonly http = inject(HttpClient);

  get<T>(path: string, params: Record<string, QueryValue> = {}): Promise<T> {
    return firstValueFrom(this.http.get<T>(api(path), { params: query(params) }));
  }

  post<T>(path: string, body: unknown = {}, options: { skipAuth?: boolean } = {}): Promise<T> {
    return firstValueFrom(
      this.http.post<T>(api(path), body, {
        context: new HttpContext().set(SKIP_AUTH, options.skipAuth ?? false),
      }),
    );
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return firstValueFrom(this.http.patch<T>(api(path), body));
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return firstValueFrom(this.http.put<T>(api(path), body));
  }

  delete<T = void>(path: string): Promise<T> {
    return firstValueFrom(this.http.delete<T>(api(path)));
  }

  upload<T>(path: string, form: FormData): Promise<T> {
    return firstValueFrom(this.http.post<T>(api(path), form));
  }
}
