/** The roles of a console user, most powerful first; permissions.ts says what each may do. */
export const ROLES = ['owner', 'admin', 'hr', 'manager', 'employee'] as const;
export type Role = (typeof ROLES)[number];
