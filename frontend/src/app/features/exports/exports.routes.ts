import type { Routes } from '@angular/router';

export const EXPORTS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./exports').then((m) => m.Exports) },
];
