import type { Routes } from '@angular/router';

export const HOLIDAYS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./holidays').then((m) => m.Holidays) },
];
