import { execFile } from 'node:child_process';
import type { ActivitySource, ForegroundActivity } from '../ports.js';
import { parseForegroundJson } from './foreground-json.js';

// JXA through System Events (needs the Accessibility permission; titles need Screen Recording on
// recent macOS). Browsers' URLs through their scripting dictionaries.
const SCRIPT = `
const se = Application('System Events');
const p = se.processes.whose({ frontmost: true })[0];
const out = { app: p.name() };
try { out.title = p.windows[0].name(); } catch (e) {}
const id = p.bundleIdentifier();
try {
  if (id === 'com.apple.Safari') out.url = Application(id).documents[0].url();
  else if (['com.google.Chrome', 'com.microsoft.edgemac', 'com.brave.Browser'].includes(id))
    out.url = Application(id).windows[0].activeTab.url();
} catch (e) {}
JSON.stringify(out);
`;

export class MacForegroundSource implements ActivitySource {
  current(): Promise<ForegroundActivity | null> {
    return new Promise((resolve) => {
      execFile(
        'osascript',
        ['-l', 'JavaScript', '-e', SCRIPT],
        { timeout: 2000, encoding: 'utf8' },
        (error, stdout) => resolve(error ? null : parseForegroundJson(stdout.trim())),
      );
    });
  }
}
