import type { Routes } from '@angular/router';

export const ME_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./me').then((m) => m.Me) },
];
