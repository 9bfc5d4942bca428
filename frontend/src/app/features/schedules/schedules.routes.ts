import type { Routes } from '@angular/router';

export const SCHEDULES_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./schedules').then((m) => m.Schedules) },
];
