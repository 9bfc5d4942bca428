import type { Routes } from '@angular/router';

export const SSO_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./sso-settings').then((m) => m.SsoSettings) },
];

export const SECURITY_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./security').then((m) => m.Security) },
];
