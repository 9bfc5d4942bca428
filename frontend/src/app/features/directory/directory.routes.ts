import type { Routes } from '@angular/router';

export const DIRECTORY_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./directory-settings').then((m) => m.DirectorySettings),
  },
];
