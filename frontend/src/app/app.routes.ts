import type { Routes } from '@angular/router';
import { capabilityGuard, signedInGuard, signedOutGuard } from './core/auth/auth.guards';

export const routes: Routes = [
  {
    path: 'sign-in',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/auth/sign-in').then((m) => m.SignIn),
  },
  {
    path: 'sign-in/directory',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/auth/directory-sign-in').then((m) => m.DirectorySignIn),
  },
  {
    path: 'setup',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/auth/setup').then((m) => m.Setup),
  },
  {
    path: 'forgot-password',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/auth/forgot-password').then((m) => m.ForgotPassword),
  },
  {
    // Linked from the sign-in link mail.
    path: 'sign-in-link',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/auth/sign-in-link').then((m) => m.SignInLink),
  },
  {
    path: 'reset-password',
    loadComponent: () => import('./features/auth/reset-password').then((m) => m.ResetPassword),
  },
  {
    path: 'accept-invitation',
    loadComponent: () =>
      import('./features/auth/accept-invitation').then((m) => m.AcceptInvitation),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadComponent: () => import('./core/layout/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      {
        path: 'dashboard',
        canMatch: [capabilityGuard('readPeople')],
        loadChildren: () =>
          import('./features/dashboard/dashboard.routes').then((m) => m.DASHBOARD_ROUTES),
      },
      {
        path: 'attendance',
        canMatch: [capabilityGuard('readPeople')],
        loadChildren: () =>
          import('./features/attendance/attendance.routes').then((m) => m.ATTENDANCE_ROUTES),
      },
      {
        path: 'absences',
        canMatch: [capabilityGuard('readPeople')],
        loadChildren: () =>
          import('./features/absences/absences.routes').then((m) => m.ABSENCES_ROUTES),
      },
      {
        // Each page guards itself: an employee may open their own day by project.
        path: 'projects',
        loadChildren: () =>
          import('./features/projects/projects.routes').then((m) => m.PROJECTS_ROUTES),
      },
      {
        path: 'timesheets',
        loadChildren: () =>
          import('./features/timesheets/timesheets.routes').then((m) => m.TIMESHEETS_ROUTES),
      },
      {
        path: 'schedules',
        canMatch: [capabilityGuard('managePeople')],
        loadChildren: () =>
          import('./features/schedules/schedules.routes').then((m) => m.SCHEDULES_ROUTES),
      },
      {
        path: 'holidays',
        canMatch: [capabilityGuard('readPeople')],
        loadChildren: () =>
          import('./features/holidays/holidays.routes').then((m) => m.HOLIDAYS_ROUTES),
      },
      {
        path: 'people',
        canMatch: [capabilityGuard('readPeople')],
        loadChildren: () => import('./features/people/people.routes').then((m) => m.PEOPLE_ROUTES),
      },
      {
        // Every user may hold personal tokens; owners and admins also service and SCIM tokens.
        path: 'api-access',
        loadChildren: () =>
          import('./features/api-access/api-access.routes').then((m) => m.API_ACCESS_ROUTES),
      },
      {
        path: 'devices',
        canMatch: [capabilityGuard('manageDevices')],
        loadChildren: () =>
          import('./features/devices/devices.routes').then((m) => m.DEVICES_ROUTES),
      },
      {
        path: 'reports',
        canMatch: [capabilityGuard('readPeople')],
        loadChildren: () =>
          import('./features/reports/reports.routes').then((m) => m.REPORTS_ROUTES),
      },
      {
        path: 'rules',
        canMatch: [capabilityGuard('readPeople')],
        loadChildren: () => import('./features/rules/rules.routes').then((m) => m.RULES_ROUTES),
      },
      {
        path: 'periods',
        canMatch: [capabilityGuard('managePeople')],
        loadChildren: () =>
          import('./features/periods/periods.routes').then((m) => m.PERIODS_ROUTES),
      },
      {
        path: 'payroll',
        canMatch: [capabilityGuard('managePeople')],
        loadChildren: () =>
          import('./features/periods/periods.routes').then((m) => m.PAYROLL_ROUTES),
      },
      {
        path: 'webhooks',
        canMatch: [capabilityGuard('manageOrganization')],
        loadChildren: () =>
          import('./features/webhooks/webhooks.routes').then((m) => m.WEBHOOKS_ROUTES),
      },
      {
        path: 'exports',
        canMatch: [capabilityGuard('manageExports')],
        loadChildren: () =>
          import('./features/exports/exports.routes').then((m) => m.EXPORTS_ROUTES),
      },
      // Linked from mails; mail preferences are personal, so they live on "My data".
      { path: 'settings/notifications', redirectTo: 'me' },
      {
        // Linked from policy-change mails: every user reads and accepts it here.
        path: 'privacy/policy',
        loadComponent: () => import('./features/policy/policy').then((m) => m.Policy),
      },
      {
        path: 'privacy',
        canMatch: [capabilityGuard('managePrivacy')],
        loadChildren: () =>
          import('./features/privacy/privacy.routes').then((m) => m.PRIVACY_ROUTES),
      },
      {
        path: 'billing',
        canMatch: [capabilityGuard('manageBilling')],
        loadChildren: () =>
          import('./features/billing/billing.routes').then((m) => m.BILLING_ROUTES),
      },
      {
        path: 'settings',
        canMatch: [capabilityGuard('manageOrganization')],
        loadChildren: () =>
          import('./features/settings/settings.routes').then((m) => m.SETTINGS_ROUTES),
      },
      {
        path: 'settings/sso',
        canMatch: [capabilityGuard('manageOrganization')],
        loadChildren: () => import('./features/sso/sso.routes').then((m) => m.SSO_ROUTES),
      },
      {
        path: 'security',
        loadChildren: () => import('./features/sso/sso.routes').then((m) => m.SECURITY_ROUTES),
      },
      {
        path: 'directory',
        canMatch: [capabilityGuard('manageOrganization')],
        loadChildren: () =>
          import('./features/directory/directory.routes').then((m) => m.DIRECTORY_ROUTES),
      },
      {
        path: 'audit',
        canMatch: [capabilityGuard('readAudit')],
        loadChildren: () => import('./features/audit/audit.routes').then((m) => m.AUDIT_ROUTES),
      },
      {
        path: 'me',
        loadChildren: () => import('./features/me/me.routes').then((m) => m.ME_ROUTES),
      },
    ],
  },
  {
    path: '**',
    loadComponent: () => import('./shared/ui/not-found').then((m) => m.NotFound),
  },
];
