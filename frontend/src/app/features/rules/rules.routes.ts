import type { Routes } from '@angular/router';

export const RULES_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./rules').then((m) => m.Rules) },
];
