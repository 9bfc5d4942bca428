import { HttpErrorResponse } from '@angular/common/http';
import type { I18n } from '../i18n/i18n.service';

interface ProblemBody {
  title?: string;
  detail?: string;
  errors?: { path?: string; message?: string }[];
}

function problemOf(error: HttpErrorResponse): ProblemBody {
  const body: unknown = error.error;
  if (body && typeof body === 'object') return body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as ProblemBody;
    } catch {
      return {};
    }
  }
  return {};
}

/** True when the server has no such route: the page says "not available" instead of failing. */
export function isNotAvailable(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 404 || error.status === 405);
}

/** An HTTP failure as a sentence a person can act on, in the current language. */
export function describeError(error: unknown, i18n: I18n): string {
  if (!(error instanceof HttpErrorResponse)) {
    return error instanceof Error ? error.message : i18n.t('errors.unknown');
  }
  const problem = problemOf(error);
  const fieldErrors = (problem.errors ?? [])
    .map((e) => [e.path, e.message].filter(Boolean).join(': '))
    .filter(Boolean);
  const detail = fieldErrors.length ? fieldErrors.join('; ') : problem.detail;
  let lead: string;
  switch (error.status) {
    case 0:
      lead = i18n.t('errors.network');
      break;
    case 400:
      lead = i18n.t('errors.invalid');
      break;
    case 401:
      lead = i18n.t('errors.unauthorized');
      break;
    case 403:
      lead = i18n.t('errors.forbidden');
      break;
    case 404:
      lead = i18n.t('errors.notFound');
      break;
    case 409:
      lead = i18n.t('errors.conflict');
      break;
    case 413:
      lead = i18n.t('errors.tooLarge');
      break;
    case 429: {
      const retry = Number(error.headers.get('Retry-After') ?? '60');
      lead = i18n.t('errors.rateLimited', { seconds: Number.isFinite(retry) ? retry : 60 });
      return lead;
    }
    default:
      lead = error.status >= 500 ? i18n.t('errors.server') : i18n.t('errors.unknown');
  }
  return detail && error.status !== 401 ? `${lead} ${detail}` : lead;
}
