import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { API_BASE, SKIP_AUTH } from '../http/api';
import { Auth } from './auth.service';

export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith(API_BASE) || req.context.get(SKIP_AUTH)) return next(req);
  const auth = inject(Auth);
  const router = inject(Router);
  const token = auth.accessToken();
  const authed = token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  return next(authed).pipe(
    catchError((error: unknown) => {
      // The organization requires a second factor this user has not set up: only that page works.
      if (error instanceof HttpErrorResponse && error.status === 403) {
        const type = (error.error as { type?: unknown } | null)?.type;
        if (typeof type === 'string' && type.endsWith('/mfa-enrollment-required')) {
          void router.navigate(['/security']);
        }
        return throwError(() => error);
      }
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !token) {
        return throwError(() => error);
      }
      const expire = () => {
        auth.clear();
        void router.navigate(['/sign-in'], { queryParams: { expired: 1 } });
        return throwError(() => error);
      };
      if (!auth.canRefresh()) return expire();
      return auth.refresh().pipe(
        catchError(() => expire()),
        switchMap((fresh) => next(req.clone({ setHeaders: { Authorization: `Bearer ${fresh}` } }))),
      );
    }),
  );
};
