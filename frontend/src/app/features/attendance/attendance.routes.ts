import type { Routes } from '@angular/router';

export const ATTENDANCE_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./attendance').then((m) => m.AttendancePage) },
];
