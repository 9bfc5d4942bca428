import type { Routes } from '@angular/router';

export const AUDIT_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./audit').then((m) => m.Audit) },
];
