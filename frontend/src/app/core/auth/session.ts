export type Role = 'owner' | 'admin' | 'hr' | 'manager' | 'employee';

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  fullName?: string;
  employeeId?: string | null;
}

/** Held in memory only; the refresh token is an HttpOnly cookie the console never sees. */
export interface Session {
  accessToken: string;
  user: SessionUser;
  organization?: { id: string; name: string };
}

/** What a role may see in the console; mirrors the backend's permission table. */
export type Capability =
  | 'manageOrganization'
  | 'managePeople'
  | 'manageTeams'
  | 'manageUsers'
  | 'readPeople'
  | 'manageDevices'
  | 'manageRules'
  | 'readReports'
  | 'managePrivacy'
  | 'manageBilling'
  | 'readAudit'
  | 'manageExports'
  | 'closeOrganization';

const ADMIN: Capability[] = [
  'manageOrganization',
  'managePeople',
  // Teams (and a team's work schedule): owner and admin; HR manages employees only.
  'manageTeams',
  // Console logins (the API's users:manage): owner and admin.
  'manageUsers',
  'readPeople',
  'manageDevices',
  'manageRules',
  'readReports',
  'managePrivacy',
  'readAudit',
  'manageExports',
];

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  // Only the owner may close or reopen the organization (organization:manage plus the owner role).
  owner: [...ADMIN, 'manageBilling', 'closeOrganization'],
  admin: ADMIN,
  hr: ['managePeople', 'readPeople', 'readReports', 'managePrivacy', 'readAudit', 'manageExports'],
  manager: ['readPeople', 'readReports', 'manageExports'],
  employee: [],
};
