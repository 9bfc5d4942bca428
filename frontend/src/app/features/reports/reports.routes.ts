import type { Routes } from '@angular/router';

export const REPORTS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./reports').then((m) => m.Reports) },
  {
    path: 'timeline/:employeeId',
    loadComponent: () => import('./timeline').then((m) => m.TimelinePage),
  },
  {
    path: 'timeline/:employeeId/playback',
    loadComponent: () =>
      import('@app/features/screenshots/playback').then((m) => m.ScreenshotPlayback),
  },
];
