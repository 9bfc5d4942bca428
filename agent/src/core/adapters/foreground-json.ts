import type { ForegroundActivity } from '../ports.js';

/** The one-line JSON the Windows and macOS helpers print: `{ app, title?, url? }`. */
export function parseForegroundJson(line: string): ForegroundActivity | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.app !== 'string' || v.app.trim() === '') return null;
  const activity: ForegroundActivity = { app: v.app.trim() };
  if (typeof v.title === 'string' && v.title !== '') activity.title = v.title;
  if (typeof v.url === 'string' && /^https?:\/\//i.test(v.url)) activity.url = v.url;
  return activity;
}
