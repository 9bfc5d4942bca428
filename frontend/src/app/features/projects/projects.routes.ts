import type { Routes } from '@angular/router';
import { capabilityGuard } from '@app/core/auth/auth.guards';

export const PROJECTS_ROUTES: Routes = [
  {
    // 'full': a prefix '' would run its guard for /projects/my-day too and send employees to /me.
    path: '',
    pathMatch: 'full',
    canMatch: [capabilityGuard('readPeople')],
    loadComponent: () => import('./projects').then((m) => m.Projects),
  },
  {
    path: 'rules',
    canMatch: [capabilityGuard('readPeople')],
    loadComponent: () => import('./allocation-rules').then((m) => m.AllocationRules),
  },
  {
    path: 'report',
    canMatch: [capabilityGuard('readPeople')],
    loadComponent: () => import('./project-report').then((m) => m.ProjectReportPage),
  },
  { path: 'my-day', loadComponent: () => import('./my-day').then((m) => m.MyDay) },
];
