import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
// Small modules that the shell and most pages share, loaded with this script. Left to the
// bundler, each becomes a file of its own (0.2–2 KB) that a page's first screen waits for, and
// each file costs a round trip: the console is served over HTTP/1.1 on the LAN (six connections).
// With them here, /dashboard's first screen needs 8 files instead of 28. The loading and empty
// states, the date range and the split bar (with the Material buttons, icons and spinner they
// use) are on nearly every signed-in page: here, they cost sign-in 18 KB of this script and save
// the dashboard and reports 6 files each; measured, the pages' largest paint came 150–400 ms
// sooner (docs/performance.md). The build fails when a page's count exceeds its budget
// (tools/check-bundle-size.mjs).
import '@angular/core/rxjs-interop';
import './app/core/http/problem';
import './app/core/i18n/t.pipe';
import './app/core/organization/closure.service';
import './app/core/organization/demo-data.service';
import './app/core/organization/seat-status.service';
import './app/shared/data/dates';
import './app/shared/data/downloads';
import './app/shared/data/report-math';
import './app/shared/data/resource-view';
import './app/shared/data/working-time';
import './app/shared/ui/confirm';
import './app/shared/ui/form-request';
import './app/shared/ui/pager';
import './app/shared/ui/async-state';
import './app/shared/ui/date-range';
import './app/shared/ui/split-bar';
import './app/shared/ui/stat-card';

bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error));
