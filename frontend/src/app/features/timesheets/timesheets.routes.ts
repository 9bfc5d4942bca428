import type { Routes } from '@angular/router';
import { capabilityGuard } from '@app/core/auth/auth.guards';

export const TIMESHEETS_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./timesheet-week').then((m) => m.TimesheetWeekPage),
  },
  {
    path: 'approvals',
    canMatch: [capabilityGuard('readPeople')],
    loadComponent: () => import('./approvals').then((m) => m.TimesheetApprovalsPage),
  },
];
