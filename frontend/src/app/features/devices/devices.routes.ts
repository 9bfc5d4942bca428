import type { Routes } from '@angular/router';

export const DEVICES_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./devices').then((m) => m.Devices) },
];
