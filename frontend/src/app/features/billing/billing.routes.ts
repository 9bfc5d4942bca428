import type { Routes } from '@angular/router';

export const BILLING_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./billing').then((m) => m.Billing) },
];
