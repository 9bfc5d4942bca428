import type { Routes } from '@angular/router';

export const PRIVACY_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./privacy').then((m) => m.Privacy) },
  // Mails link to one request; the list shows it with the others.
  { path: 'requests/:id', loadComponent: () => import('./privacy').then((m) => m.Privacy) },
];
