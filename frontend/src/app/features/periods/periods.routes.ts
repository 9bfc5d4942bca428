import type { Routes } from '@angular/router';

export const PERIODS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./periods').then((m) => m.Periods) },
];

export const PAYROLL_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./payroll').then((m) => m.Payroll) },
];
