import type { components } from '@app/api/schema';

// The generated schema's shapes for this feature.
type S = components['schemas'];
export type Timesheet = S['TimesheetDto'];
export type TimesheetRow = S['TimesheetRowDto'];
export type TimeEntry = S['TimeEntryDto'];
export type ApprovalInbox = S['ApprovalInboxDto'];
export type TimesheetSummary = S['TimesheetSummaryDto'];
export type TimeEntryKind = TimeEntry['kind'];
export const ENTRY_KINDS: readonly TimeEntryKind[] = ['work', 'meeting', 'call', 'other'];

/** What the console needs of a project to name it and book to it. */
export interface ProjectOption {
  id: string;
  name: string;
  archived?: boolean;
}

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** A local day and HH:MM wall times in the browser's zone → ISO instants; null when invalid. */
export function entryInstants(
  day: string,
  from: string,
  to: string,
): { start: string; end: string } | null {
  const a = HHMM.exec(from.trim());
  const b = HHMM.exec(to.trim());
  if (!a || !b || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number);
  const start = new Date(y, m - 1, d, Number(a[1]), Number(a[2]));
  const end = new Date(y, m - 1, d, Number(b[1]), Number(b[2]));
  if (end.getTime() <= start.getTime()) return null;
  return { start: start.toISOString(), end: end.toISOString() };
}

/** The day n days after a YYYY-MM-DD day. */
export function shiftDay(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
