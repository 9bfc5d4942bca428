import type { Routes } from '@angular/router';

export const ABSENCES_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./absences').then((m) => m.AbsencesPage) },
];
