import type { Routes } from '@angular/router';

export const API_ACCESS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./api-access').then((m) => m.ApiAccess) },
];
