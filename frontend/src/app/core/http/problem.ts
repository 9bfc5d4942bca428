import { HttpErrorResponse } from '@angular/common/http';
import type { I18n } from '../i18n/i18n.service';

interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  errors?: { path?: string; message?: string }[];
  purgeAt?: string;
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

/** The last segment of the problem's `type` URI (`…/problems/organization-closed`), or ''. */
function problemName(problem: ProblemBody): string {
  return typeof problem.type === 'string' ? (problem.type.split('/').pop() ?? '') : '';
}

/** True when the failure is the problem named `name` (the last segment of its `type`). */
export function isProblem(error: unknown, name: string): boolean {
  return error instanceof HttpErrorResponse && problemName(problemOf(error)) === name;
}

// Same style as Format.dateTime; a plain function cannot inject the Format service.
function dateTime(iso: unknown, i18n: I18n): string | null {
  if (typeof iso !== 'string') return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(i18n.locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

/** Problems the console explains in its own words: the server's detail is English only. */
function describeKnownProblem(problem: ProblemBody, i18n: I18n): string | null {
  switch (problemName(problem)) {
    case 'organization-closed': {
      const date = dateTime(problem.purgeAt, i18n);
      return date
        ? i18n.t('errors.organizationClosedOn', { date })
        : i18n.t('errors.organizationClosed');
    }
    default:
      return null;
  }
}

/** An HTTP failure as a sentence a person can act on, in the current language. */
export function describeError(error: unknown, i18n: I18n): string {
  if (!(error instanceof HttpErrorResponse)) {
    return error instanceof Error ? error.message : i18n.t('errors.unknown');
  }
  const problem = problemOf(error);
  const known = describeKnownProblem(problem, i18n);
  if (known) return known;
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
