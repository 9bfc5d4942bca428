// Generated from backend/openapi.json by `npm run api:generate -w frontend`. Do not edit.
/* eslint-disable */
export type paths = {
  '/api/v1/absences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List absences in the caller’s scope
     * @description Owner, admin and hr see the organization, a manager their teams, an employee themself. For a calendar: from/to select absences overlapping the range, across employees, with their names; pages of limit absences follow nextCursor.
     *
     *     API tokens need the scope `attendance:read`.
     */
    get: operations['listAbsences'];
    put?: never;
    /**
     * File an absence (days inclusive)
     * @description Filed by owner, admin or hr: approved. Filed by an employee for themself: requested until approved or rejected.
     */
    post: operations['createAbsence'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/absences/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a requested absence
     * @description Owner, admin, hr or the employee’s manager; nobody decides their own. Only a requested absence changes.
     */
    post: operations['approveAbsence'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/absences/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel an absence, freeing its days
     * @description The employee withdraws their own request while it waits; owner, admin, hr or the employee’s manager cancel a requested or approved absence. Cancelling again is a harmless 200.
     */
    post: operations['cancelAbsence'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/absences/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reject a requested absence
     * @description Owner, admin, hr or the employee’s manager; nobody decides their own. Only a requested absence changes.
     */
    post: operations['rejectAbsence'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/absences/balance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Vacation balance of an employee for a year
     * @description Working days (by the employee’s schedule, Monday to Friday without one; holidays excluded) of approved and requested vacations within the year, against the yearly allowance. Scoped like the absence list.
     *
     *     API tokens need the scope `attendance:read`.
     */
    get: operations['getAbsenceBalance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What this device’s organization collects */
    get: operations['getAgentConfig'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/devices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List enrolled devices */
    get: operations['listDevices'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/devices/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One enrolled device */
    get: operations['getDevice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/devices/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke a device: its token stops working */
    post: operations['revokeDevice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/downloads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The agent bundles and installers this server offers, with SHA-256 */
    get: operations['listAgentDownloads'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/downloads/{file}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download an agent bundle or installer */
    get: operations['downloadAgent'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/enroll': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Enroll a workstation for an employee (no user token; the enrollment token authorizes) */
    post: operations['enrollDevice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/enrollment-tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List enrollment tokens */
    get: operations['listEnrollmentTokens'];
    put?: never;
    /** Create a token that enrolls agents into this organization */
    post: operations['createEnrollmentToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/enrollment-tokens/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke an enrollment token */
    post: operations['revokeEnrollmentToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload activity spans (bearer = device token; gzip bodies accepted)
     * @description Each event is checked on its own: valid ones are stored even when others are rejected. Idempotent on (device, event id). At most 5,000 events and 5 MB uncompressed.
     */
    post: operations['ingestEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/install.sh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Linux install script: `curl -fsSL <server>/api/v1/agent/install.sh | sh -s -- --token T --email E` */
    get: operations['agentInstallScript'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/inventory': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Report this device’s hostname, OS and agent version */
    put: operations['reportInventory'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/notice': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The monitoring notice to show on this device (bearer = device token) */
    get: operations['getAgentNotice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/notice/acknowledgements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record that this device’s employee acknowledged a notice version */
    post: operations['acknowledgeAgentNotice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/screenshot-policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether and how this device captures screenshots (bearer = device token) */
    get: operations['getScreenshotPolicy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/screenshots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Upload one capture (multipart: id, capturedAt, image) */
    post: operations['uploadScreenshot'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agent/screenshots/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** The employee deletes their own capture, within the delete window */
    delete: operations['deleteAgentScreenshot'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/allocation-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Allocation rules of the organization and the teams the caller sees */
    get: operations['listAllocationRules'];
    put?: never;
    /**
     * Create an allocation rule (owner, admin, hr)
     * @description Applies to past tracked time at once. Precedence: team rules over organization rules; then title > site > application.
     */
    post: operations['createAllocationRule'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/allocation-rules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One allocation rule */
    get: operations['getAllocationRule'];
    put?: never;
    post?: never;
    /** Delete an allocation rule */
    delete: operations['deleteAllocationRule'];
    options?: never;
    head?: never;
    /** Change an allocation rule */
    patch: operations['updateAllocationRule'];
    trace?: never;
  };
  '/api/v1/api-tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your personal tokens and (owner/admin) the service tokens */
    get: operations['listApiTokens'];
    put?: never;
    /** Create a token; the answer holds the secret, shown this once */
    post: operations['createApiToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-tokens/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke a token: it stops working at once */
    post: operations['revokeApiToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-tokens/scopes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The scopes, and which of them you may grant */
    get: operations['listApiTokenScopes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The organization’s audit log, newest first, with the names of who and whose
     * @description API tokens need the scope `audit:read`.
     */
    get: operations['listAuditEntries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/export.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit log as CSV in the reader's language (same filters, newest first, at most 50000 rows; X-Truncated: true when more matched); the export is audited
     * @description API tokens need the scope `audit:read`.
     */
    get: operations['exportAuditEntries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Recomputes the hash chain and reports the first broken entry
     * @description API tokens need the scope `audit:read`.
     */
    get: operations['verifyAuditChain'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/ldap/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with a directory (LDAP / Active Directory) login and password */
    post: operations['ldapLogin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with email and password */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: revoke this session */
    post: operations['logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/mfa/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Finish a sign-in with a second factor */
    post: operations['completeMfaSignIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/mfa/passkey-options': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** WebAuthn request options for the second step of a sign-in */
    post: operations['passkeySignInOptions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/oidc': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Providers the sign-in page offers ("Sign in with …") */
    get: operations['listOidcProviders'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/oidc/{organizationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An organization's provider, for its sign-in button */
    get: operations['getOidcProvider'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/oidc/{organizationId}/callback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The provider's redirect back */
    get: operations['oidcCallback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/oidc/{organizationId}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Start signing in with the provider */
    get: operations['startOidcSignIn'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/oidc/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out; also the provider's end-session URL when the session came from it */
    post: operations['oidcLogout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mail a password-reset link */
    post: operations['requestPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password-reset/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password with a reset token */
    post: operations['confirmPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange a refresh token for new tokens */
    post: operations['refreshToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My sessions */
    get: operations['listSessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of my sessions */
    get: operations['getSession'];
    put?: never;
    post?: never;
    /** Revoke one of my sessions */
    delete: operations['revokeSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/sessions/revoke-others': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke all my sessions except this one */
    post: operations['revokeOtherSessions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/sign-in-link': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mail me a single-use sign-in link */
    post: operations['requestSignInLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/sign-in-link/consume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with a mailed link */
    post: operations['consumeSignInLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/signup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign up an organization and its owner */
    post: operations['signup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/cards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List payment cards */
    get: operations['listCards'];
    put?: never;
    /** Add a payment card */
    post: operations['addCard'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/cards/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a payment card */
    delete: operations['deleteCard'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/contacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List billing contacts */
    get: operations['listBillingContacts'];
    put?: never;
    /** Add a billing contact */
    post: operations['createBillingContact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/contacts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Change a billing contact */
    put: operations['updateBillingContact'];
    post?: never;
    /** Delete a billing contact */
    delete: operations['deleteBillingContact'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/invoices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List invoices */
    get: operations['listInvoices'];
    put?: never;
    /** Issue the invoice for a billing period */
    post: operations['issueInvoice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/invoices/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One invoice */
    get: operations['getInvoice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/invoices/{id}/credit-notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Issue a credit note against an invoice */
    post: operations['createCreditNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/invoices/{id}/payments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List payments of an invoice */
    get: operations['listPayments'];
    put?: never;
    /** Record a payment of an invoice */
    post: operations['recordPayment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/invoices/{id}/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download an invoice as PDF */
    get: operations['downloadInvoicePdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/license': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The newest uploaded license and its status */
    get: operations['getLicense'];
    put?: never;
    /** Upload a license */
    post: operations['uploadLicense'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/seat-usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Seat usage over a billing period */
    get: operations['getSeatUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/seats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Plan, licensed seats and seats in use */
    get: operations['getSeats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/seats/holders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Employees holding a seat (an active device), by name */
    get: operations['getSeatHolders'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/billing/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Change billing settings (tax rate) */
    put: operations['updateBillingSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List clients */
    get: operations['listClients'];
    put?: never;
    /** Create a client (owner, admin, hr) */
    post: operations['createClient'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/clients/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One client */
    get: operations['getClient'];
    put?: never;
    post?: never;
    /** Delete a client without projects */
    delete: operations['deleteClient'];
    options?: never;
    head?: never;
    /** Rename, archive or restore a client */
    patch: operations['updateClient'];
    trace?: never;
  };
  '/api/v1/demo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether demo data is loaded, can be loaded, and the progress of a load or removal */
    get: operations['getDemoStatus'];
    put?: never;
    /** Fill an empty organization with demo teams, people, activity, rules and a notice */
    post: operations['loadDemo'];
    /** Remove all demo data, each demo person as an erasure would */
    delete: operations['removeDemo'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/directory/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization’s directory settings (never the bind password) */
    get: operations['getDirectoryConfig'];
    /** Set the organization’s directory settings */
    put: operations['putDirectoryConfig'];
    post?: never;
    /** Remove the directory settings */
    delete: operations['deleteDirectoryConfig'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/directory/sync-runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Directory sync runs, newest first */
    get: operations['listDirectorySyncRuns'];
    put?: never;
    /** Run the directory sync now */
    post: operations['runDirectorySync'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/directory/sync-runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One directory sync run */
    get: operations['getDirectorySyncRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/directory/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Bind with the stored settings and show users and groups found */
    post: operations['testDirectoryConnection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/employees': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List employees in the caller’s scope
     * @description API tokens need the scope `employees:read`.
     */
    get: operations['listEmployees'];
    put?: never;
    /**
     * Create an employee
     * @description API tokens need the scope `employees:manage`.
     */
    post: operations['createEmployee'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/employees/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One employee
     * @description API tokens need the scope `employees:read`.
     */
    get: operations['getEmployee'];
    put?: never;
    post?: never;
    /**
     * Delete an employee
     * @description API tokens need the scope `employees:manage`.
     */
    delete: operations['deleteEmployee'];
    options?: never;
    head?: never;
    /**
     * Change an employee
     * @description API tokens need the scope `employees:manage`.
     */
    patch: operations['updateEmployee'];
    trace?: never;
  };
  '/api/v1/employees/{id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reactivate an employee
     * @description API tokens need the scope `employees:manage`.
     */
    post: operations['activateEmployee'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/employees/{id}/deactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Deactivate an employee
     * @description API tokens need the scope `employees:manage`.
     */
    post: operations['deactivateEmployee'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/employees/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import employees from CSV (or preview with dryRun)
     * @description API tokens need the scope `employees:manage`.
     */
    post: operations['importEmployees'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List exports, newest first
     * @description API tokens need the scope `exports:run`.
     */
    get: operations['listExports'];
    put?: never;
    /**
     * Start an export of report data
     * @description API tokens need the scope `exports:run`.
     */
    post: operations['createExport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One export and its status
     * @description API tokens need the scope `exports:run`.
     */
    get: operations['getExport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/exports/{id}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download a finished export’s file
     * @description API tokens need the scope `exports:run`.
     */
    get: operations['downloadExport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the database (and Redis) answer */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/holidays': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List holidays, optionally of one year
     * @description API tokens need the scope `attendance:read`.
     */
    get: operations['listHolidays'];
    put?: never;
    /**
     * Add a holiday (owner, admin, hr)
     * @description A non-working day for everyone, on that date of each employee’s own calendar.
     */
    post: operations['createHoliday'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/holidays/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a holiday (owner, admin, hr) */
    delete: operations['deleteHoliday'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/holidays/countries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Countries and regions whose public holidays can be imported */
    get: operations['listHolidayCountries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/holidays/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import a year of public holidays of a country (owner, admin, hr)
     * @description From the date-holidays data package: the days off by law of the country (and region), in the language asked for. Dates already in the calendar are skipped and listed.
     */
    post: operations['importPublicHolidays'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List open invitations */
    get: operations['listInvitations'];
    put?: never;
    /** Invite a user by mail */
    post: operations['createInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an invitation */
    delete: operations['revokeInvitation'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/invitations/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept an invitation and set a password */
    post: operations['acceptInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List failed background jobs */
    get: operations['listFailedJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/jobs/failed/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Retry a failed background job */
    post: operations['retryFailedJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My profile */
    get: operations['getProfile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change my profile */
    patch: operations['updateProfile'];
    trace?: never;
  };
  '/api/v1/me/data-views': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who viewed my data: views of my reports and timeline by others */
    get: operations['listMyDataViews'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My second factors and what the policy asks of me */
    get: operations['getMfaOverview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Turn off the second factor */
    post: operations['disableMfa'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Turn on the second factor with a code */
    post: operations['enableMfa'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/passkeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My passkeys and security keys */
    get: operations['listPasskeys'];
    put?: never;
    /** Register a passkey as a second factor */
    post: operations['registerPasskey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/passkeys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove one of my passkeys */
    delete: operations['deletePasskey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/passkeys/options': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start registering a passkey (WebAuthn creation options) */
    post: operations['passkeyRegistrationOptions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/recovery-codes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** New recovery codes (shown once; the old ones stop working) */
    post: operations['regenerateRecoveryCodes'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/mfa/setup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start setting up a second factor (TOTP secret) */
    post: operations['setupMfa'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change my password */
    post: operations['changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/screenshots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My own captures in a time range, oldest first */
    get: operations['listMyScreenshots'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/screenshots/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete one of my captures, within the delete window */
    delete: operations['deleteMyScreenshot'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/screenshots/{id}/image': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of my captures (WebP) */
    get: operations['getMyScreenshotImage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/screenshots/{id}/thumbnail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The thumbnail of one of my captures (WebP) */
    get: operations['getMyScreenshotThumbnail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications/preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My mail preferences */
    get: operations['getMailPreferences'];
    /** Change my mail preferences */
    put: operations['updateMailPreferences'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications/unsubscribe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Page that asks to confirm unsubscribing (the link in a mail) */
    get: operations['showUnsubscribe'];
    put?: never;
    /** Unsubscribe from a mail (RFC 8058 one-click or the page’s button) */
    post: operations['unsubscribe'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/organizations/current': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s organization */
    get: operations['getCurrentOrganization'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change the organization’s settings */
    patch: operations['updateCurrentOrganization'];
    trace?: never;
  };
  '/api/v1/organizations/current/mfa-policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Roles that must use a second factor */
    get: operations['getMfaPolicy'];
    /** Set the roles that must use a second factor */
    put: operations['setMfaPolicy'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/payroll/exports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a payroll export of a month (owner, admin, hr)
     * @description Written by the worker like the other exports (GET /exports/{id} for progress, /exports/{id}/file to download). A locked month uses its frozen figures.
     */
    post: operations['createPayrollExport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/payroll/fields': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The figures a payroll column can hold */
    get: operations['payrollFields'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/payroll/mapping': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization’s payroll column mapping (the default until one is saved) */
    get: operations['getPayrollMapping'];
    /**
     * Save the payroll column mapping (owner, admin)
     * @description Which columns, their headers and order, and the date and number formats of the file.
     */
    put: operations['putPayrollMapping'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/payroll/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The first lines of a month’s payroll file, with the saved or a given mapping */
    post: operations['previewPayroll'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/periods': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The months of a year and whether each is locked */
    get: operations['listPeriods'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/periods/{month}/lock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Lock a month (owner, admin, hr)
     * @description Freezes the month’s attendance and summary figures as they are now; afterwards nothing may change hours in it (409 period-locked).
     */
    post: operations['lockPeriod'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/periods/{month}/unlock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Unlock a month with a reason (owner, admin)
     * @description The frozen figures are dropped; the reason is kept in the audit log.
     */
    post: operations['unlockPeriod'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/legal-holds/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The legal hold on an employee (id), if any */
    get: operations['getLegalHold'];
    /** Put an employee (id) under legal hold: erasure requests are refused */
    put: operations['setLegalHold'];
    post?: never;
    /** Lift the legal hold on an employee (id) */
    delete: operations['clearLegalHold'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/notices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Monitoring notice versions, newest first */
    get: operations['listNotices'];
    put?: never;
    /** Write a new notice version (a draft until published) */
    post: operations['createNotice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/notices/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Edit a draft */
    patch: operations['updateNotice'];
    trace?: never;
  };
  '/api/v1/privacy/notices/{id}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Publish a draft: from now on agents must have it acknowledged before uploading */
    post: operations['publishNotice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/notices/current': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The published notice in force */
    get: operations['getCurrentNotice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/notices/current/missing-acknowledgements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Active employees who have not acknowledged the current notice */
    get: operations['listMissingNoticeAcknowledgements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/organization-closure': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the organization is closed, and its purge date if it is */
    get: operations['getOrganizationClosure'];
    put?: never;
    /**
     * Close the organization (owner): all its data is purged after 30 days
     * @description During the 30 days only owners can sign in (everyone else is signed out at once and gets 403 `organization-closed`), agents, enrollment and invitations get 403 `organization-closed`, and the owner can reopen it.
     */
    post: operations['closeOrganization'];
    /** Cancel the closure during the grace period (owner) */
    delete: operations['reopenOrganization'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/policy/acceptances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record that I accept a policy version */
    post: operations['acceptPolicy'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/policy/current': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The version in force, whether I accepted it, and any upcoming one */
    get: operations['getCurrentPolicy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/policy/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All published versions, newest first */
    get: operations['listPolicyVersions'];
    put?: never;
    /** Publish a privacy-policy version; mails every user of the organization */
    post: operations['publishPolicyVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Requests, newest first, with overdue flags (own ones for employees) */
    get: operations['listPrivacyRequests'];
    put?: never;
    /**
     * File an access, erasure or rectification request
     * @description HR, admins and owners file for any employee of their organization; anyone else only for themself. Due 30 days after filing.
     */
    post: operations['createPrivacyRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/requests/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One request: status, due date, download link, verification */
    get: operations['getPrivacyRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/requests/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a rectification request done */
    post: operations['completePrivacyRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/requests/{id}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The ZIP of a completed access request (same bearer token) */
    get: operations['downloadPrivacyRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/requests/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Refuse a pending request, stating why */
    post: operations['rejectPrivacyRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/privacy/retention': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How long each kind of data is kept */
    get: operations['getRetentionSettings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change retention; the daily purge applies it */
    patch: operations['updateRetentionSettings'];
    trace?: never;
  };
  '/api/v1/productivity-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the organization’s and teams’ rules (the defaults are seeded on first use) */
    get: operations['listProductivityRules'];
    put?: never;
    /**
     * Create a rule (or re-class the existing rule with the same scope, kind and pattern)
     * @description Applies to past data at once: the next report reflects it.
     */
    post: operations['createProductivityRule'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/productivity-rules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One productivity rule */
    get: operations['getProductivityRule'];
    put?: never;
    post?: never;
    /** Delete a productivity rule */
    delete: operations['deleteProductivityRule'];
    options?: never;
    head?: never;
    /** Change a productivity rule */
    patch: operations['updateProductivityRule'];
    trace?: never;
  };
  '/api/v1/project-settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization’s default hourly rate and currency */
    get: operations['getProjectSettings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change the default hourly rate or currency (owner, admin, hr) */
    patch: operations['updateProjectSettings'];
    trace?: never;
  };
  '/api/v1/project-settings/employee-rates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Employees’ own hourly rates */
    get: operations['listEmployeeRates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/project-settings/employee-rates/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set (or clear with null) an employee’s own hourly rate */
    put: operations['setEmployeeRate'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/project-time/allocations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Allocate stretches of one’s own tracked time to a project (bulk)
     * @description Overrides every rule inside the ranges. 403 not-project-member, 409 archived project.
     */
    post: operations['createAllocations'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/project-time/allocations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Undo one of one’s own allocations (the rules apply again) */
    delete: operations['deleteAllocation'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/project-time/day': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A day’s tracked active time as stretches allocated to projects (or unallocated)
     * @description Own day by default; employeeId for someone in the caller’s scope.
     */
    get: operations['getProjectDay'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/projects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List projects
     * @description Everyone but employees sees every project; an employee the projects they may book to.
     */
    get: operations['listProjects'];
    put?: never;
    /** Create a project (owner, admin, hr) */
    post: operations['createProject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/projects/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One project */
    get: operations['getProject'];
    put?: never;
    post?: never;
    /** Delete a project no time was booked or allocated to */
    delete: operations['deleteProject'];
    options?: never;
    head?: never;
    /** Change, archive or restore a project */
    patch: operations['updateProject'];
    trace?: never;
  };
  '/api/v1/projects/{id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A project’s members (teams and employees); none: open to everyone */
    get: operations['listProjectMembers'];
    put?: never;
    /** Add a team or an employee to a project */
    post: operations['addProjectMember'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/projects/{id}/members/{memberId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a member from a project */
    delete: operations['removeProjectMember'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/projects/{id}/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A project’s tasks */
    get: operations['listProjectTasks'];
    put?: never;
    /** Add a task to a project */
    post: operations['createProjectTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/projects/{id}/tasks/{taskId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a task no time was booked to */
    delete: operations['deleteProjectTask'];
    options?: never;
    head?: never;
    /** Rename, archive or restore a task */
    patch: operations['updateProjectTask'];
    trace?: never;
  };
  '/api/v1/report-subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List report subscriptions */
    get: operations['listReportSubscriptions'];
    put?: never;
    /** Subscribe to a scheduled report mail */
    post: operations['createReportSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/report-subscriptions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a report subscription */
    delete: operations['deleteReportSubscription'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/attendance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Attendance per active employee and local day against their work schedule
     * @description Rows sorted by employee then date; days after the employee’s local today are left out. Paged by limit; a response without nextCursor is complete. Owner, admin and hr see the organization, a manager the teams they manage, an employee only themself; an employee or team outside that answers 404.
     *
     *     API tokens need the scope `attendance:read`.
     */
    get: operations['getReportAttendance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/attendance/totals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Attendance totals and overtime balance per active employee over a range of days
     * @description Each employee’s attendance rows of the range (the same rows as GET /reports/attendance) summed: scheduled, worked and overtime seconds, the balance worked − scheduled, and days by status. One item per active employee in scope, sorted by employee id; paged by limit (employees), a response without nextCursor is complete. Scoped like the attendance report.
     *
     *     API tokens need the scope `attendance:read`.
     */
    get: operations['getReportAttendanceTotals'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/projects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tracked hours by client, project, task or employee; billable amounts; budget used
     * @description Scoped like the reports: a manager their teams, an employee themself.
     */
    get: operations['getProjectReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Active, idle and productivity seconds per employee over local days [from, to]
     * @description Days are counted in each employee’s zone; spans crossing midnight are split. Owner, admin and hr see the organization, a manager the teams they manage, an employee only themself; an employee or team outside that answers 404.
     *
     *     API tokens need the scope `reports:read`.
     */
    get: operations['getReportSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Active, idle and productivity seconds per team over local days [from, to]
     * @description Each team’s row is the sum of its people’s summary rows. Owner, admin and hr see the organization, a manager the teams they manage, an employee only themself; an employee or team outside that answers 404.
     *
     *     API tokens need the scope `reports:read`.
     */
    get: operations['getReportTeams'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One employee’s local day as merged spans
     * @description Owner, admin and hr see the organization, a manager the teams they manage, an employee only themself; an employee or team outside that answers 404.
     *
     *     API tokens need the scope `reports:read`.
     */
    get: operations['getReportTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/trend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Active, idle and productivity seconds per local day [from, to] (at most 93 days)
     * @description Each day is the sum of that day’s summary rows of the employees in scope (employeeId, teamId). Owner, admin and hr see the organization, a manager the teams they manage, an employee only themself; an employee or team outside that answers 404.
     *
     *     API tokens need the scope `reports:read`.
     */
    get: operations['getReportTrend'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Active seconds by application and by site
     * @description Owner, admin and hr see the organization, a manager the teams they manage, an employee only themself; an employee or team outside that answers 404.
     *
     *     API tokens need the scope `reports:read`.
     */
    get: operations['getReportUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/screenshots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One employee’s captures in a time range, oldest first (playback) */
    get: operations['listScreenshots'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/screenshots/{id}/image': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The capture (WebP; blurred when the organization blurs); audited */
    get: operations['getScreenshotImage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/screenshots/{id}/thumbnail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The capture’s thumbnail (WebP); audited */
    get: operations['getScreenshotThumbnail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings/data-collection': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the agents collect */
    get: operations['getDataCollectionSettings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change what the agents collect */
    patch: operations['updateDataCollectionSettings'];
    trace?: never;
  };
  '/api/v1/settings/mail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where the organization’s mail goes (never the password) */
    get: operations['getMailSettings'];
    /** Send the organization’s mail through its own SMTP server */
    put: operations['putMailSettings'];
    post?: never;
    /** Remove the organization’s own mail server */
    delete: operations['deleteMailSettings'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings/mail/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a test mail now, the way the organization’s mail goes */
    post: operations['sendTestMail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings/screenshots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Screenshot settings of the organization and of teams with their own */
    get: operations['getScreenshotSettings'];
    /** Change the organization’s screenshot settings */
    put: operations['updateScreenshotSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings/screenshots/teams/{teamId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Give a team screenshot settings of its own */
    put: operations['updateTeamScreenshotSettings'];
    post?: never;
    /** The team inherits the organization’s screenshot settings again */
    delete: operations['deleteTeamScreenshotSettings'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sso/oidc': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's OpenID Connect provider */
    get: operations['getOidcSettings'];
    /** Configure the OpenID Connect provider */
    put: operations['saveOidcSettings'];
    post?: never;
    /** Remove the OpenID Connect provider */
    delete: operations['deleteOidcSettings'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sso/oidc/discovery': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Read the provider's discovery document (test the settings) */
    post: operations['testOidcDiscovery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List teams
     * @description API tokens need the scope `employees:read`.
     */
    get: operations['listTeams'];
    put?: never;
    /**
     * Create a team
     * @description API tokens need the scope `employees:manage`.
     */
    post: operations['createTeam'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/teams/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One team
     * @description API tokens need the scope `employees:read`.
     */
    get: operations['getTeam'];
    put?: never;
    post?: never;
    /**
     * Delete a team
     * @description API tokens need the scope `employees:manage`.
     */
    delete: operations['deleteTeam'];
    options?: never;
    head?: never;
    /**
     * Change a team
     * @description API tokens need the scope `employees:manage`.
     */
    patch: operations['updateTeam'];
    trace?: never;
  };
  '/api/v1/teams/{id}/managers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the managers of a team
     * @description API tokens need the scope `employees:manage`.
     */
    put: operations['setTeamManagers'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/time-entries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Manual entries of an employee by local day (scoped like the reports) */
    get: operations['listTimeEntries'];
    put?: never;
    /**
     * Add manual time
     * @description Time the agent did not see, or an idle/offline stretch turned into work (kind meeting, call, other). At most 24 hours, not in the future. An employee’s own entry waits for approval unless the organization trusts manual time; a manager’s, HR’s or admin’s entry for someone else is approved.
     */
    post: operations['createTimeEntry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/time-entries/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a manual entry */
    delete: operations['deleteTimeEntry'];
    options?: never;
    head?: never;
    /**
     * Change a manual entry
     * @description The employee’s own change waits for approval again (unless manual time is trusted); a decider’s change keeps its status. reason goes to the audit log.
     */
    patch: operations['updateTimeEntry'];
    trace?: never;
  };
  '/api/v1/time-entries/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a pending manual entry
     * @description Owner, admin, hr or the employee’s manager; nobody decides their own (403). Outside the caller’s teams: 404.
     */
    post: operations['approveTimeEntry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/time-entries/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reject a pending manual entry
     * @description Owner, admin, hr or the employee’s manager; nobody decides their own (403). Outside the caller’s teams: 404.
     */
    post: operations['rejectTimeEntry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/timesheets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An employee’s timesheet for the period containing a day
     * @description Days × projects with tracked seconds (allocated by project, null = unallocated) and manual seconds (approved, and pending apart). Scoped like the reports.
     */
    get: operations['getTimesheet'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/timesheets/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a submitted timesheet (and its pending manual entries)
     * @description Owner, admin, hr or the employee’s manager; nobody decides their own timesheet (403). Outside the caller’s teams: 404.
     */
    post: operations['approveTimesheet'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/timesheets/{id}/return': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a submitted timesheet back with a comment
     * @description Owner, admin, hr or the employee’s manager; nobody decides their own timesheet (403). Outside the caller’s teams: 404.
     */
    post: operations['returnTimesheet'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/timesheets/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Approvals inbox
     * @description Submitted timesheets and pending manual entries the caller may decide: a manager’s teams, everyone for owner, admin and hr; never the caller’s own.
     */
    get: operations['getApprovalInbox'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/timesheets/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization’s timesheet settings */
    get: operations['getTimesheetSettings'];
    /**
     * Change the timesheet settings (owner, admin, hr)
     * @description trustManualTime: manual entries count without approval. period: weekly or monthly.
     */
    put: operations['updateTimesheetSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/timesheets/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Submit one’s own timesheet for approval (open or sent back) */
    post: operations['submitTimesheet'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the organization’s users */
    get: operations['listUsers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One user */
    get: operations['getUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a user’s role */
    patch: operations['updateUser'];
    trace?: never;
  };
  '/api/v1/users/{id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reactivate a user */
    post: operations['activateUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/deactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deactivate a user and end their sessions */
    post: operations['deactivateUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/sessions/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke all sessions of a user */
    post: operations['revokeUserSessions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vacation-policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization’s vacation days a year */
    get: operations['getVacationPolicy'];
    /**
     * Set the organization’s vacation days a year (owner, admin, hr)
     * @description Applies to every employee without days of their own, in every year.
     */
    put: operations['updateVacationPolicy'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vacation-policy/employees': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Employees in the caller’s scope with vacation days of their own */
    get: operations['listVacationAllowances'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/vacation-policy/employees/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An employee’s vacation days a year
     * @description Their own days if set, and the days in force. Scoped like the absence list.
     */
    get: operations['getVacationAllowance'];
    /**
     * Give an employee vacation days of their own (owner, admin, hr)
     * @description null removes them: the organization’s days apply again.
     */
    put: operations['updateVacationAllowance'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List webhooks */
    get: operations['listWebhooks'];
    put?: never;
    /** Create a webhook; the answer holds its signing secret, once */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a webhook */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /** Delete a webhook and its delivery log */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /** Change a webhook’s URL, events, description or active flag */
    patch: operations['updateWebhook'];
    trace?: never;
  };
  '/api/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A webhook’s delivery log, newest first */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/deliveries/{deliveryId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One delivery with its body and every attempt */
    get: operations['getWebhookDelivery'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a finished (failed or succeeded) delivery again */
    post: operations['retryWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replace the signing secret; the answer holds the new one, once */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a webhook.test event to this webhook */
    post: operations['sendWebhookTest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/event-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Events a webhook can subscribe to */
    get: operations['listWebhookEventTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-schedules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the organization’s work schedules
     * @description API tokens need the scope `attendance:read`.
     */
    get: operations['listWorkSchedules'];
    put?: never;
    /**
     * Create a work schedule (owner, admin, hr)
     * @description Weekdays 1–7 (1 = Monday) at most once each, local wall times HH:MM with end after start. default: true makes it the organization’s default.
     */
    post: operations['createWorkSchedule'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/work-schedules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One work schedule
     * @description API tokens need the scope `attendance:read`.
     */
    get: operations['getWorkSchedule'];
    put?: never;
    post?: never;
    /** Delete a work schedule that no employee or team has */
    delete: operations['deleteWorkSchedule'];
    options?: never;
    head?: never;
    /** Change a work schedule (owner, admin, hr) */
    patch: operations['updateWorkSchedule'];
    trace?: never;
  };
};
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    AbsenceBalanceDto: {
      /**
       * @description Vacation days a year: the employee’s own, else the organization’s.
       * @example 25
       */
      allowanceDays: number;
      /**
       * @description Working days in the year covered by approved vacations.
       * @example 10
       */
      approvedDays: number;
      /** Format: uuid */
      employeeId: string;
      /**
       * @description allowanceDays − approvedDays − requestedDays; negative when more was filed than allowed.
       * @example 12
       */
      remainingDays: number;
      /**
       * @description Working days in the year covered by vacations still awaiting a decision.
       * @example 3
       */
      requestedDays: number;
      /** @example 2026 */
      year: number;
    };
    AbsenceDto: {
      /**
       * @description When it was filed.
       * @example 2026-06-01T08:00:00.000Z
       */
      createdAt: string;
      /** Format: uuid */
      employeeId: string;
      /**
       * @description The employee’s full name.
       * @example Eve Employee
       */
      employeeName: string;
      /** @example 2026-07-06 */
      from: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'vacation' | 'sick' | 'other';
      note: string | null;
      /**
       * @description Only approved absences count.
       * @enum {string}
       */
      status: 'requested' | 'approved' | 'rejected' | 'cancelled';
      /** @example 2026-07-17 */
      to: string;
    };
    AbsenceListDto: {
      /** @description Sorted by first day, then employee; each overlaps from–to when given. */
      items: components['schemas']['AbsenceDto'][];
      /** @description Present when more absences match: pass it as cursor. */
      nextCursor?: string;
    };
    AcceptInvitationDto: {
      password: string;
      /** @description The token from the invitation link. */
      token: string;
    };
    AcceptPolicyDto: {
      version: number;
    };
    AcknowledgeNoticeDto: {
      /**
       * @description The language the text was shown in.
       * @enum {string}
       */
      language?: 'en' | 'ru' | 'uk';
      version: number;
    };
    AddCardDto: {
      /** @example visa */
      brand: string;
      expMonth: number;
      expYear: number;
      /** @example 4242 */
      last4: string;
      /**
       * @description The payment provider that holds the card
       * @example stripe
       */
      provider: string;
      /** @description The provider's token for the card (never the card number) */
      providerToken: string;
    };
    AgentConfigDto: {
      /** @description Whether window titles are collected; if not, the server drops them. */
      collectTitles: boolean;
      /**
       * @description "host": only the host name of URLs is kept.
       * @enum {string}
       */
      urlMode: 'full' | 'host';
    };
    AgentDownloadDto: {
      /** @example calltimex-agent-0.1.0-linux-x64.tar.gz */
      file: string;
      /** Format: date-time */
      modifiedAt: string;
      /** @enum {string} */
      platform: 'linux-x64' | 'linux-arm64' | 'linux' | 'windows' | 'macos';
      sha256: string;
      /** @description Bytes */
      size: number;
      /** @example /api/v1/agent/downloads/calltimex-agent-0.1.0-linux-x64.tar.gz */
      url: string;
      /** @description Set for the agent bundles built here */
      version: string | null;
    };
    AgentDownloadListDto: {
      items: components['schemas']['AgentDownloadDto'][];
    };
    AgentEventDto: {
      /** @description Process or application name (active spans). */
      app?: string;
      /** @description With a rev of 1 or more: the span is retracted (it counts for nothing any more; start and end are still checked). */
      deleted?: boolean;
      /**
       * Format: date-time
       * @description After start, at most 24 h after it, at most 10 minutes in the future.
       */
      end: string;
      /**
       * Format: uuid
       * @description (device, id) is unique: a re-sent event is a duplicate.
       */
      id: string;
      /** @enum {string} */
      kind: 'active' | 'idle';
      /**
       * @description Revision. The agent may send a span before it is final and correct it later (e.g. when idle is decided after the threshold): a higher revision of the same id replaces the stored span; one not higher than the stored revision is a duplicate.
       * @default 0
       * @example 1
       */
      rev: number;
      /**
       * Format: date-time
       * @example 2026-03-10T09:00:00+02:00
       */
      start: string;
      /** @description Window title; cut to 1,024 characters; dropped when titles are not collected. */
      title?: string;
      /** @description Browser URL; cut to 2,048 characters; its host name is the site. */
      url?: string;
    };
    AgentNoticeDto: {
      /** @description This device’s employee acknowledged this version. */
      acknowledged: boolean;
      /** @description This version covers screenshots. */
      coversScreenshots: boolean;
      /** @enum {string} */
      language: 'en' | 'ru' | 'uk';
      text: string;
      version: number;
    };
    AllocationOverrideDto: {
      end: string;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      projectId: string;
      start: string;
      /** Format: uuid */
      taskId: string | null;
    };
    AllocationOverrideListDto: {
      items: components['schemas']['AllocationOverrideDto'][];
    };
    AllocationRuleDto: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'app' | 'site' | 'title';
      pattern: string;
      /** Format: uuid */
      projectId: string;
      /** Format: uuid */
      taskId: string | null;
      /** Format: uuid */
      teamId: string | null;
    };
    AllocationRuleListDto: {
      items: components['schemas']['AllocationRuleDto'][];
    };
    ApiTokenDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'personal' | 'service';
      /** @description Client address of the last call. */
      lastUsedAddress: string | null;
      /** Format: date-time */
      lastUsedAt: string | null;
      name: string;
      /** Format: date-time */
      revokedAt: string | null;
      scopes: (
        | 'reports:read'
        | 'attendance:read'
        | 'employees:read'
        | 'employees:manage'
        | 'exports:run'
        | 'audit:read'
        | 'scim:provision'
      )[];
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked';
      /**
       * @description The first characters of the token.
       * @example ctx_pat_AbCd
       */
      tokenPrefix: string;
      /** Format: uuid */
      userId: string | null;
    };
    ApiTokenPageDto: {
      items: components['schemas']['ApiTokenDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    ApiTokenScopeDto: {
      description: string;
      /** @description Whether the caller may put it on a personal token. */
      personal: boolean;
      /** @enum {string} */
      scope:
        | 'reports:read'
        | 'attendance:read'
        | 'employees:read'
        | 'employees:manage'
        | 'exports:run'
        | 'audit:read'
        | 'scim:provision';
      /** @description Whether the caller may put it on a service token. */
      service: boolean;
    };
    ApiTokenScopesDto: {
      /** @description Longest lifetime in days. */
      maxDays: number;
      /** @description Whether the caller may create service tokens. */
      mayCreateService: boolean;
      scopes: components['schemas']['ApiTokenScopeDto'][];
    };
    ApprovalInboxDto: {
      /** @description Pending manual entries to decide. */
      entries: components['schemas']['TimeEntryDto'][];
      /** @description Submitted timesheets to decide. */
      timesheets: components['schemas']['TimesheetSummaryDto'][];
    };
    AttendanceDto: {
      /** @example 2026-03-01 */
      from: string;
      /** @description Present when more rows remain: pass it back as cursor for the next page. */
      nextCursor?: string;
      rows: components['schemas']['AttendanceRowDto'][];
      /** @example 2026-03-31 */
      to: string;
    };
    AttendanceRowDto: {
      /**
       * Format: date-time
       * @description UTC instant of the first active second of the day.
       */
      arrivedAt: string | null;
      /**
       * @description A local day of the employee.
       * @example 2026-03-02
       */
      date: string;
      /** @description Scheduled end − leftAt, when leftAt is earlier; else 0. */
      earlyLeaveSeconds: number;
      /** Format: uuid */
      employeeId: string;
      /** @description arrivedAt − scheduled start, when later than start + lateAfterMinutes; else 0. */
      lateSeconds: number;
      /**
       * Format: date-time
       * @description UTC instant of the end of the last active second of the day.
       */
      leftAt: string | null;
      /** @description max(0, workedSeconds − scheduledSeconds). */
      overtimeSeconds: number;
      /** @description Real seconds between the local start and end on that date (a DST change counts); 0 when not scheduled. */
      scheduledSeconds: number;
      /**
       * @description First match: holiday, approved absence, scheduled without work (absent), late, present, unscheduled with work (extra), day-off.
       * @enum {string}
       */
      status: 'present' | 'late' | 'absent' | 'day-off' | 'extra' | 'holiday' | 'absence';
      /** @description Active seconds of that local day, exactly as in the summary. */
      workedSeconds: number;
    };
    AttendanceTotalsDto: {
      /** @example 2026-03-01 */
      from: string;
      items: components['schemas']['AttendanceTotalsItemDto'][];
      /** @description Present when more employees remain: pass it back as cursor for the next page. */
      nextCursor?: string;
      /** @example 2026-03-31 */
      to: string;
    };
    AttendanceTotalsItemDto: {
      /**
       * @description workedSeconds − scheduledSeconds: the overtime balance at the end of the range; negative when short.
       * @example 5400
       */
      balanceSeconds: number;
      /**
       * @description Rows with status absent.
       * @example 1
       */
      daysAbsent: number;
      /**
       * @description Rows with status holiday.
       * @example 1
       */
      daysHoliday: number;
      /**
       * @description Rows with status late.
       * @example 2
       */
      daysLate: number;
      /**
       * @description Rows with status absence (approved leave).
       * @example 1
       */
      daysOnLeave: number;
      /**
       * @description Rows with status present or late.
       * @example 19
       */
      daysPresent: number;
      /**
       * @description Rows with status present, late or absent.
       * @example 20
       */
      daysScheduled: number;
      /**
       * @description Sum of the rows’ earlyLeaveSeconds.
       * @example 3600
       */
      earlyLeaveSeconds: number;
      /** Format: uuid */
      employeeId: string;
      /** @example Berta Berlin */
      fullName: string;
      /**
       * @description Sum of the rows’ lateSeconds.
       * @example 1260
       */
      lateSeconds: number;
      /**
       * @description Sum of the rows’ overtimeSeconds (each day’s excess; short days do not reduce it).
       * @example 9000
       */
      overtimeSeconds: number;
      /**
       * @description Sum of the rows’ scheduledSeconds.
       * @example 576000
       */
      scheduledSeconds: number;
      /**
       * @description Sum of the rows’ workedSeconds.
       * @example 581400
       */
      workedSeconds: number;
    };
    AuditChainBreakDto: {
      /** @enum {string} */
      reason: 'hash-mismatch' | 'previous-hash-mismatch' | 'sequence-gap' | 'head-mismatch';
      seq: number;
    };
    AuditEntryDto: {
      /** @example auth.sign-in */
      action: string;
      actorEmail: string | null;
      /** @description The acting user’s name now; null for the system or a removed user. */
      actorName: string | null;
      actorRole: string | null;
      /** Format: uuid */
      actorUserId: string | null;
      /** Format: date-time */
      at: string;
      /** @description The client address of the request, where recorded. */
      clientAddress: string | null;
      details: Record<string, never>;
      /** @description SHA-256 of the previous entry’s hash and this entry. */
      hash: string;
      /** Format: uuid */
      id: string;
      prevHash: string;
      seq: number;
      /** Format: uuid */
      subjectEmployeeId: string | null;
      /** @description The name of the person whose data it concerns; null once erased. */
      subjectEmployeeName: string | null;
      targetId: string | null;
      /** @description The name of the target now, for a team, user or employee target; null for other kinds or once it is gone. */
      targetName: string | null;
      targetType: string | null;
    };
    AuditPageDto: {
      items: components['schemas']['AuditEntryDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    AuditVerificationDto: {
      brokenAt: components['schemas']['AuditChainBreakDto'] | null;
      entriesChecked: number;
      headSeq: number;
      valid: boolean;
    };
    BillingContactDto: {
      createdAt: string;
      email: string;
      id: string;
      locale: string | null;
      name: string;
    };
    BillingContactInputDto: {
      email: string;
      /** @enum {string|null} */
      locale?: 'en' | 'ru' | 'uk' | null;
      name: string;
    };
    CardDto: {
      brand: string;
      createdAt: string;
      expMonth: number;
      expYear: number;
      id: string;
      last4: string;
      provider: string;
    };
    ChangePasswordDto: {
      currentPassword: string;
      newPassword: string;
    };
    ClientDto: {
      archived: boolean;
      domain: string | null;
      /** Format: uuid */
      id: string;
      name: string;
    };
    ClientListDto: {
      items: components['schemas']['ClientDto'][];
    };
    ConnectionErrorDto: {
      /** @enum {string} */
      code: 'connection' | 'tls' | 'service-bind' | 'search' | 'test-login';
      message: string;
    };
    CreateAbsenceDto: {
      /** Format: uuid */
      employeeId: string;
      /**
       * @description First day (inclusive), YYYY-MM-DD.
       * @example 2026-07-06
       */
      from: string;
      /** @enum {string} */
      kind: 'vacation' | 'sick' | 'other';
      /** @example Family trip */
      note?: string;
      /**
       * @description Last day (inclusive), not before from, at most 366 days in all.
       * @example 2026-07-17
       */
      to: string;
    };
    CreateAllocationOverridesDto: {
      /** Format: uuid */
      projectId: string;
      /** @description Stretches of the caller’s own day (at most 200). */
      ranges: components['schemas']['OverrideRangeDto'][];
      /** Format: uuid */
      taskId?: string | null;
    };
    CreateAllocationRuleDto: {
      /**
       * @description app, site (with subdomains) or title (substring, * = anything).
       * @enum {string}
       */
      kind: 'app' | 'site' | 'title';
      /** @example PROJ-* */
      pattern: string;
      /** Format: uuid */
      projectId: string;
      /** Format: uuid */
      taskId?: string | null;
      /**
       * Format: uuid
       * @description A team’s rule; omitted: the organization’s.
       */
      teamId?: Record<string, never> | null;
    };
    CreateApiTokenDto: {
      /**
       * @description Days until the token expires; `null` (service tokens only) never expires.
       * @default 90
       */
      expiresInDays: number | null;
      /**
       * @description `service` tokens belong to the organization (owner/admin only).
       * @enum {string}
       */
      kind: 'personal' | 'service';
      /** @example Payroll export */
      name: string;
      scopes: (
        | 'reports:read'
        | 'attendance:read'
        | 'employees:read'
        | 'employees:manage'
        | 'exports:run'
        | 'audit:read'
        | 'scim:provision'
      )[];
    };
    CreateClientDto: {
      /**
       * @description The client’s site.
       * @example acme.com
       */
      domain?: string | null;
      /** @example Acme Corp */
      name: string;
    };
    CreatedApiTokenDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'personal' | 'service';
      /** @description Client address of the last call. */
      lastUsedAddress: string | null;
      /** Format: date-time */
      lastUsedAt: string | null;
      name: string;
      /** Format: date-time */
      revokedAt: string | null;
      scopes: (
        | 'reports:read'
        | 'attendance:read'
        | 'employees:read'
        | 'employees:manage'
        | 'exports:run'
        | 'audit:read'
        | 'scim:provision'
      )[];
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked';
      /** @description The secret: shown this once, only its hash is kept. */
      token: string;
      /**
       * @description The first characters of the token.
       * @example ctx_pat_AbCd
       */
      tokenPrefix: string;
      /** Format: uuid */
      userId: string | null;
    };
    CreatedInvitationDto: {
      /** @example http://localhost:3000/accept-invitation?token=... */
      acceptUrl: string;
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'hr' | 'manager' | 'employee';
      /** @description Shown once; also mailed to the invitee (in their language, else the organization’s) with the accept link. */
      token: string;
      /** Format: uuid */
      userId: string;
    };
    CreatedPrivacyRequestDto: {
      /**
       * Format: date-time
       * @description Filing time + 30 days.
       */
      dueAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      status: 'pending' | 'processing' | 'completed' | 'rejected';
      /** @enum {string} */
      type: 'access' | 'erasure' | 'rectification';
    };
    CreateEmployeeDto: {
      /** @example grace@example.com */
      email: string;
      /** @example Grace Hopper */
      fullName: string;
      /** Format: uuid */
      teamId?: string | null;
      /**
       * @description IANA zone; default the organization's.
       * @example Europe/Kyiv
       */
      timeZone?: string;
    };
    CreateEnrollmentTokenDto: {
      /** @default 168 */
      expiresInHours: number;
      /** @description Unlimited when omitted. */
      maxUses?: number;
    };
    CreateExportDto: {
      filters?: components['schemas']['ExportFiltersDto'];
      /** @enum {string} */
      format: 'csv' | 'xlsx' | 'pdf';
      /**
       * @description First day, inclusive (YYYY-MM-DD)
       * @example 2026-11-01
       */
      from: string;
      /** @enum {string} */
      report: 'summary' | 'usage' | 'timeline' | 'attendance' | 'attendance-totals';
      /**
       * @description Last day, inclusive (YYYY-MM-DD)
       * @example 2026-11-30
       */
      to: string;
    };
    CreateHolidayDto: {
      /**
       * @description YYYY-MM-DD.
       * @example 2026-12-25
       */
      date: string;
      /** @example Christmas Day */
      name: string;
    };
    CreateInvitationDto: {
      /** @example grace@example.com */
      email: string;
      /**
       * Format: uuid
       * @description Links the login to this tracked person.
       */
      employeeId?: string;
      firstName?: string;
      lastName?: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'hr' | 'manager' | 'employee';
    };
    CreateMemberDto: {
      /** Format: uuid */
      employeeId?: string;
      /** @description An employee member’s rate on this project (per hour). */
      hourlyRate?: Record<string, never> | null;
      /**
       * Format: uuid
       * @description A team (exactly one of teamId, employeeId).
       */
      teamId?: string;
    };
    CreatePayrollExportDto: {
      /** @enum {string} */
      format: 'csv' | 'xlsx';
      /**
       * @description The pay period, a calendar month YYYY-MM.
       * @example 2026-10
       */
      month: string;
    };
    CreatePrivacyRequestDto: {
      /** Format: uuid */
      employeeId: string;
      /** @description What to rectify, or context for HR. */
      note?: string;
      /** @enum {string} */
      type: 'access' | 'erasure' | 'rectification';
    };
    CreateProductivityRuleDto: {
      /**
       * @description app: matches spans without a URL by application name; site: spans with a URL by host.
       * @enum {string}
       */
      kind: 'app' | 'site';
      /**
       * @description app: the application name, matched whole and case-insensitively. site: a host name; it matches the host and all its subdomains (a URL or *.host is reduced to the host).
       * @example github.com
       */
      pattern: string;
      /** @enum {string} */
      productivity: 'productive' | 'neutral' | 'unproductive';
      /**
       * Format: uuid
       * @description A team rule overrides the organization rule for that team’s employees.
       */
      teamId?: string;
    };
    CreateProjectDto: {
      /** @default true */
      billable: boolean;
      /**
       * @description Last day of the budget period (not in the past).
       * @example 2027-06-30
       */
      budgetEndsOn?: string | null;
      /** @example 120 */
      budgetHours?: number | null;
      /** Format: uuid */
      clientId?: string | null;
      /** @example WEB */
      code?: string | null;
      /**
       * @description Per hour, in the organization’s currency; null: the employee’s or organization’s.
       * @example 90
       */
      hourlyRate?: number | null;
      /** @example Website relaunch */
      name: string;
    };
    CreateReportSubscriptionDto: {
      /**
       * @default attachment
       * @enum {string}
       */
      delivery: 'attachment' | 'link';
      /**
       * @default xlsx
       * @enum {string}
       */
      format: 'csv' | 'xlsx' | 'pdf';
      /** @enum {string} */
      frequency: 'weekly' | 'monthly';
      /**
       * @description The report the mail carries, over the last complete week or month.
       * @default summary
       * @enum {string}
       */
      report: 'summary' | 'usage' | 'attendance' | 'attendance-totals';
      /**
       * Format: uuid
       * @description One team; omitted: every team you may see
       */
      teamId?: string;
    };
    CreateTaskDto: {
      /** @example Design */
      name: string;
    };
    CreateTeamDto: {
      /** @example Support */
      name: string;
    };
    CreateTimeEntryDto: {
      /**
       * Format: uuid
       * @description Whose time; the caller’s own employee when left out.
       */
      employeeId?: string;
      /**
       * @description After start, at most 24 hours later, not in the future.
       * @example 2026-11-30T10:30:00+01:00
       */
      end: string;
      /**
       * @description work, or what an idle stretch was.
       * @enum {string}
       */
      kind: 'work' | 'meeting' | 'call' | 'other';
      /** @example Planning with the client */
      note?: string;
      /** Format: uuid */
      projectId?: Record<string, never> | null;
      /**
       * @description ISO 8601 with offset.
       * @example 2026-11-30T09:00:00+01:00
       */
      start: string;
      /**
       * Format: uuid
       * @description Needs a projectId.
       */
      taskId?: Record<string, never> | null;
    };
    CreateWebhookDto: {
      /** @default true */
      active: boolean;
      /** @default  */
      description: string;
      events: (
        | 'employee.created'
        | 'employee.deactivated'
        | 'device.enrolled'
        | 'absence.approved'
        | 'timesheet.approved'
        | 'export.ready'
        | 'privacy.request.completed'
        | 'attendance.daily.ready'
      )[];
      /** @example https://hr.example.com/hooks/calltimex */
      url: string;
    };
    CreateWorkScheduleDto: {
      /** @description At most one entry per weekday; a weekday not listed is a day off. */
      days: components['schemas']['WorkScheduleDayDto'][];
      /** @description Makes it the organization's default schedule (the previous default stops being one). */
      default?: boolean;
      /**
       * @description Grace in minutes before an arrival counts as late.
       * @default 0
       */
      lateAfterMinutes: number;
      /** @example Office hours */
      name: string;
    };
    CreditNoteDto: {
      /** @description Why the invoice is corrected */
      reason: string;
    };
    CurrentPolicyDto: {
      /** Format: date-time */
      acceptedAt?: string;
      acceptedByMe: boolean;
      /** @enum {string} */
      authoritativeLanguage: 'en' | 'ru' | 'uk';
      /** Format: date-time */
      effectiveAt: string;
      /** Format: uuid */
      id: string;
      /** @description Its effective date has come. */
      inEffect: boolean;
      /** Format: date-time */
      publishedAt: string;
      summary?: string;
      texts: components['schemas']['LocalizedTextsDto'];
      /** @description A published version not yet in force (show a banner). */
      upcoming?: components['schemas']['PolicyVersionDto'];
      version: number;
    };
    DataCollectionSettingsDto: {
      /** @description Store window titles. When off, titles are dropped on arrival. */
      collectTitles: boolean;
      /** Format: date-time */
      updatedAt: string | null;
      /**
       * @description "full" stores URLs; "host" stores only their host name.
       * @enum {string}
       */
      urlMode: 'full' | 'host';
    };
    DataViewDto: {
      /** Format: date-time */
      viewedAt: string;
      viewerName: string | null;
      viewerRole: string | null;
      /** Format: uuid */
      viewerUserId: string | null;
      /** @example timeline */
      what: string;
    };
    DataViewPageDto: {
      items: components['schemas']['DataViewDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    DayAllocationDto: {
      activeSeconds: number;
      day: string;
      /** Format: uuid */
      employeeId: string;
      pieces: components['schemas']['DayPieceDto'][];
      unallocatedSeconds: number;
    };
    DayPieceDto: {
      /** @example 2026-12-03T10:30:00.000Z */
      end: string;
      /** Format: uuid */
      overrideId: string | null;
      /** Format: uuid */
      projectId: string | null;
      seconds: number;
      /** @example 2026-12-03T09:00:00.000Z */
      start: string;
      /** Format: uuid */
      taskId: string | null;
    };
    DecisionDto: {
      /** @description Why; shown to the employee. */
      comment?: string;
    };
    DeliveryAttemptDto: {
      attempt: number;
      /** Format: date-time */
      attemptedAt: string;
      durationMs: number;
      error: string | null;
      /** @description null: no HTTP answer */
      statusCode: number | null;
    };
    DeliveryDetailDto: {
      attemptLog: components['schemas']['DeliveryAttemptDto'][];
      attempts: number;
      /** Format: date-time */
      completedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      event: string;
      /** Format: uuid */
      eventId: string;
      /** Format: uuid */
      id: string;
      lastDurationMs: number | null;
      lastError: string | null;
      lastStatusCode: number | null;
      /**
       * Format: date-time
       * @description While pending
       */
      nextAttemptAt: string | null;
      /** @description The JSON body sent */
      payload: string;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
      /** Format: uuid */
      webhookId: string;
    };
    DeliveryDto: {
      attempts: number;
      /** Format: date-time */
      completedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      event: string;
      /** Format: uuid */
      eventId: string;
      /** Format: uuid */
      id: string;
      lastDurationMs: number | null;
      lastError: string | null;
      lastStatusCode: number | null;
      /**
       * Format: date-time
       * @description While pending
       */
      nextAttemptAt: string | null;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
      /** Format: uuid */
      webhookId: string;
    };
    DeliveryPageDto: {
      items: components['schemas']['DeliveryDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    DemoCountsDto: {
      employees: number;
      rules: number;
      teams: number;
    };
    DemoProgressDto: {
      /** @description Employees loaded (or removed) so far. */
      done: number;
      total: number;
    };
    DemoStatusDto: {
      /** @description Whether the console may load demo data here: embedded mode, or ALLOW_DEMO_DATA=true, and an organization with no employees yet. */
      canLoad: boolean;
      counts: components['schemas']['DemoCountsDto'];
      days: number | null;
      /** @description Why loading failed. */
      error: string | null;
      progress: components['schemas']['DemoProgressDto'] | null;
      /** @description Why demo data cannot be loaded now, when canLoad is false. */
      reason: string | null;
      seed: number | null;
      /** Format: date-time */
      startedAt: string | null;
      /**
       * @description `none`: no demo data in the organization.
       * @enum {string}
       */
      state: 'none' | 'loading' | 'loaded' | 'failed' | 'removing';
    };
    DeviceDto: {
      agentVersion: string;
      /** Format: uuid */
      employeeId: string;
      /** Format: date-time */
      enrolledAt: string;
      hostname: string;
      /** Format: uuid */
      id: string;
      /** @description Client address of the last request. */
      lastAddress: string | null;
      /** Format: date-time */
      lastSeenAt: string | null;
      os: string;
      /** Format: date-time */
      revokedAt: string | null;
      /** @enum {string} */
      status: 'active' | 'revoked';
    };
    DevicePageDto: {
      items: components['schemas']['DeviceDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    DirectoryConfigDto: {
      /** @example ou=people,dc=corp,dc=example */
      baseDn: string;
      /** @example cn=calltimex,ou=services,dc=corp,dc=example */
      bindDn?: string | null;
      /** @description For bindMode direct: `uid={login},ou=people,dc=corp,dc=example` or `{login}@corp.example`. */
      bindDnTemplate?: string | null;
      /**
       * @description `search`: bind with the service account, find the user, bind as them. `direct`: bind as bindDnTemplate with {login} replaced.
       * @default search
       * @enum {string}
       */
      bindMode: 'search' | 'direct';
      /** @description False: nothing is configured yet; the fields are the defaults. */
      configured: boolean;
      /**
       * @description Create or link a tracked employee for each directory user.
       * @default true
       */
      createEmployees: boolean;
      /**
       * @description Role of a directory user in no mapped group; null: such users may not sign in.
       * @default null
       * @enum {string|null}
       */
      defaultRole: 'admin' | 'hr' | 'manager' | 'employee' | null;
      /** @default mail */
      emailAttribute: string;
      /** @description Directory sign-in (and sync) on or off. */
      enabled: boolean;
      /** @default givenName */
      firstNameAttribute: string;
      /** @description Where groups are; null: baseDn. */
      groupBaseDn?: string | null;
      /** @default (|(objectClass=groupOfNames)(objectClass=group)) */
      groupFilter: string;
      /**
       * @description The group attribute listing member DNs.
       * @default member
       */
      groupMemberAttribute: string;
      /** @description A bind password is stored (it is never returned). */
      hasBindPassword: boolean;
      /** @default sn */
      lastNameAttribute: string;
      /**
       * @default uid
       * @enum {string}
       */
      loginAttribute: 'uid' | 'sAMAccountName' | 'userPrincipalName' | 'mail';
      roleMappings?: components['schemas']['GroupRoleMappingSchema'][];
      /**
       * @description `environment`: IT manages it by file (DIRECTORY_CONFIG_PATH); the api cannot change it.
       * @enum {string}
       */
      source: 'console' | 'environment';
      /**
       * @description Upgrade an ldap:// connection with StartTLS.
       * @default false
       */
      startTls: boolean;
      /**
       * @description Run the directory sync on a schedule.
       * @default false
       */
      syncEnabled: boolean;
      /** @default 60 */
      syncIntervalMinutes: number;
      teamMappings?: components['schemas']['GroupTeamMappingSchema'][];
      /** @description PEM of the CA that signed the server certificate (empty: the system CAs). */
      tlsCaPem?: string | null;
      /** Format: date-time */
      updatedAt: string | null;
      /** @example ldaps://dc1.corp.example:636 */
      url: string;
      /** @default (objectClass=person) */
      userFilter: string;
    };
    DirectoryGroupDto: {
      dn: string;
      /**
       * @description The role mapped to this group, if any.
       * @enum {string|null}
       */
      mappedRole: 'admin' | 'hr' | 'manager' | 'employee' | null;
      memberCount: number;
      name: string;
    };
    DirectoryPersonDto: {
      dn: string;
      email: string | null;
      firstName: string;
      groups: string[];
      lastName: string;
      login: string;
      /**
       * @description The role its groups give; null: not admitted.
       * @enum {string|null}
       */
      role: 'admin' | 'hr' | 'manager' | 'employee' | null;
    };
    DiscoveryResultDto: {
      authorizationEndpoint?: string;
      codeChallengeMethodsSupported?: string[];
      endSessionEndpoint?: string | null;
      error?: string;
      idTokenSigningAlgValuesSupported?: string[];
      issuer?: string;
      jwksUri?: string;
      ok: boolean;
      scopesSupported?: string[];
      tokenEndpoint?: string;
    };
    DiscoveryTestDto: {
      /** @description Issuer to try; default: the configured one. */
      issuer?: string;
    };
    EmployeeDto: {
      /** Format: date-time */
      createdAt: string;
      email: string;
      fullName: string;
      /** Format: uuid */
      id: string;
      /** @description The console login linked to this employee (employee list and detail). */
      login?: components['schemas']['EmployeeLoginDto'] | null;
      /** @enum {string} */
      status: 'active' | 'deactivated';
      /** Format: uuid */
      teamId: string | null;
      /** @example Europe/Kyiv */
      timeZone: string;
      /** Format: date-time */
      updatedAt: string;
      /**
       * Format: uuid
       * @description The employee's own work schedule (not the team's or the default).
       */
      workScheduleId: string | null;
    };
    EmployeeImportResultDto: {
      created: number;
      dryRun: boolean;
      /** @description Rows with errors; they are skipped, the others are imported. */
      failed: number;
      rows: components['schemas']['ImportRowResultDto'][];
      /** @description Teams the import creates (or created). */
      teamsCreated: string[];
      total: number;
      unchanged: number;
      updated: number;
    };
    EmployeeLoginDto: {
      email: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'hr' | 'manager' | 'employee';
      /** @enum {string} */
      status: 'invited' | 'active' | 'deactivated';
      /** Format: uuid */
      userId: string;
    };
    EmployeePageDto: {
      items: components['schemas']['EmployeeDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    EmployeeRateDto: {
      /** Format: uuid */
      employeeId: string;
      hourlyRate: number | null;
    };
    EmployeeRateListDto: {
      items: components['schemas']['EmployeeRateDto'][];
    };
    EnrollDto: {
      /** @example 1.4.2 */
      agentVersion: string;
      /**
       * Format: email
       * @description An employee of the token’s organization.
       */
      employeeEmail: string;
      /** @description A token from POST /agent/enrollment-tokens. */
      enrollmentToken: string;
      hostname: string;
      /** @example Windows 11 23H2 */
      os: string;
    };
    EnrolledDeviceDto: {
      /** Format: uuid */
      deviceId: string;
      /** @description The bearer token of every agent request. Shown once. */
      deviceToken: string;
    };
    EnrollmentTokenCreatedDto: {
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      maxUses: number | null;
      /** @description Shown once; only its hash is kept. */
      token: string;
    };
    EnrollmentTokenDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      maxUses: number | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked' | 'exhausted';
      /** @description The first characters of the token. */
      tokenPrefix: string;
      uses: number;
    };
    EnrollmentTokenListDto: {
      items: components['schemas']['EnrollmentTokenDto'][];
    };
    ErasureVerificationDto: {
      /** Format: date-time */
      checkedAt: string;
      /**
       * Format: date-time
       * @description When the touched tables were rebuilt so no deleted bytes remain in the database files; null: pending until the next rebuild run (MySQL/MariaDB, every 15 minutes).
       */
      compactedAt?: string | null;
      /** @description Rows or files deleted, by table or place. */
      deleted: Record<string, never>;
      filesSearched: number;
      /** @description table.column or file path; never the value. */
      findings: string[];
      identifiersSearched: number;
      /** @description Nothing of the person was found in any table or file. */
      passed: boolean;
      tablesSearched: number;
    };
    ExportDto: {
      /** Format: date-time */
      completedAt?: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @description Path under /api/v1; needs the same bearer token. */
      downloadUrl?: string;
      error?: Record<string, never> | null;
      /** Format: date-time */
      expiresAt?: string | null;
      filters: components['schemas']['ExportFiltersDto'];
      /** @enum {string} */
      format: 'csv' | 'xlsx' | 'pdf';
      from: string;
      /** Format: uuid */
      id: string;
      progress: number;
      /** @enum {string} */
      report: 'summary' | 'usage' | 'timeline' | 'attendance' | 'attendance-totals' | 'payroll';
      rowCount: number;
      /** @enum {string} */
      status: 'queued' | 'running' | 'completed' | 'failed' | 'expired';
      to: string;
    };
    ExportFiltersDto: {
      /**
       * Format: uuid
       * @description Only this employee
       */
      employeeId?: string;
      /**
       * Format: uuid
       * @description Only this team
       */
      teamId?: string;
    };
    ExportListDto: {
      items: components['schemas']['ExportDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    FailedJobDto: {
      attemptsMade: number;
      /** @description The ids the job carried */
      data: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      failedAt: string | null;
      failedReason: string;
      id: string;
      /** @example export.run */
      name: string;
      /** @enum {string} */
      queue: 'exports' | 'privacy' | 'mail' | 'maintenance' | 'webhooks' | 'rollups';
    };
    FailedJobListDto: {
      items: components['schemas']['FailedJobDto'][];
    };
    GroupRoleMappingSchema: {
      /**
       * @description Group DN
       * @example cn=timekeeping-admins,ou=groups,dc=corp,dc=example
       */
      group: string;
      /** @enum {string} */
      role: 'admin' | 'hr' | 'manager' | 'employee';
    };
    GroupTeamMappingSchema: {
      /**
       * @description Group DN
       * @example cn=support,ou=groups,dc=corp,dc=example
       */
      group: string;
      /** Format: uuid */
      teamId: string;
    };
    HolidayCountryDto: {
      /** @example DE */
      code: string;
      /** @example Germany */
      name: string;
      /**
       * @description Regions with holidays of their own.
       * @example [
       *       "BW",
       *       "BY"
       *     ]
       */
      regions: string[];
    };
    HolidayCountryListDto: {
      items: components['schemas']['HolidayCountryDto'][];
    };
    HolidayDto: {
      /** @example 2026-12-25 */
      date: string;
      /** Format: uuid */
      id: string;
      name: string;
    };
    HolidayListDto: {
      items: components['schemas']['HolidayDto'][];
    };
    ImportEmployeesDto: {
      /**
       * @description CSV text with a header row: name, email, team, timezone, manager_email (only name and email are required; empty cells keep what an existing employee has). At most 5,000 rows.
       * @example name,email,team,timezone,manager_email
       *     Grace Hopper,grace@example.com,Navy,UTC,
       */
      csv: string;
      /**
       * @description Only check and preview; change nothing.
       * @default false
       */
      dryRun: boolean;
    };
    ImportHolidaysDto: {
      /**
       * @description ISO 3166-1 alpha-2 country code.
       * @example DE
       */
      country: string;
      /**
       * @description Language of the names.
       * @default en
       * @enum {string}
       */
      language: 'en' | 'ru' | 'uk';
      /**
       * @description A region with holidays of its own (a state or province), as the countries list names it.
       * @example BY
       */
      region?: string;
      /** @example 2026 */
      year: number;
    };
    ImportHolidaysResultDto: {
      /** @description The holidays added to the calendar. */
      created: components['schemas']['HolidayDto'][];
      /** @description Public holidays left out because the calendar already has a holiday on that date. */
      skipped: components['schemas']['SkippedHolidayDto'][];
    };
    ImportRowErrorDto: {
      /**
       * @description The column at fault, or `row`.
       * @example email
       */
      field: string;
      /** @example email must be an email address */
      message: string;
    };
    ImportRowResultDto: {
      /** @description What an update changes: fullName, team, timeZone, manager. */
      changes: string[];
      email: string;
      /**
       * Format: uuid
       * @description The matched or created employee; null for a new one in a dry run.
       */
      employeeId: string | null;
      errors: components['schemas']['ImportRowErrorDto'][];
      fullName: string;
      /** @description Line in the file where the row starts (the header is line 1). */
      line: number;
      managerEmail: string | null;
      /** @description Data row number, 1 for the first row after the header. */
      row: number;
      /** @enum {string} */
      status: 'created' | 'updated' | 'unchanged' | 'error';
      team: string | null;
      timeZone: string | null;
    };
    IngestEventsDto: {
      events: components['schemas']['AgentEventDto'][];
    };
    IngestResultDto: {
      /** @description Events stored now. */
      accepted: number;
      /** @description Valid events stored before (or twice in this batch): not new time. */
      duplicates: number;
      rejected: components['schemas']['RejectedEventDto'][];
      /** @description Of the accepted events, those that replaced an earlier revision of themselves. */
      revised: number;
      /** @description Valid events whose title, URL or app name held control characters: they were removed (a line break becomes a space; tab is kept). */
      sanitized: number;
      /** @description Valid events whose title, URL or app name was cut to length. */
      truncated: number;
    };
    InvitationDto: {
      /** Format: date-time */
      createdAt: string;
      email: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'hr' | 'manager' | 'employee';
      /** Format: uuid */
      userId: string;
    };
    InvitationPageDto: {
      items: components['schemas']['InvitationDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    InvoiceDto: {
      creditsInvoiceId: string | null;
      currency: string;
      id: string;
      issuedAt: string;
      /** @enum {string} */
      kind: 'invoice' | 'credit-note';
      netMinor: number;
      /** @description Sequential per organization, without gaps */
      number: number;
      paidMinor: number;
      period: string | null;
      periodEnd: string;
      periodStart: string;
      plan: string;
      reason: string | null;
      seats: number;
      /** @enum {string} */
      status: 'open' | 'paid' | 'credited';
      taxMinor: number;
      taxRateBasisPoints: number;
      totalMinor: number;
      unitPriceMinor: number;
    };
    InvoiceListDto: {
      items: components['schemas']['InvoiceDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    IssueInvoiceDto: {
      /**
       * @description The month to bill, YYYY-MM; must have ended
       * @example 2026-10
       */
      period: string;
    };
    IssueInvoicesResultDto: {
      /** @description false when the period had been issued before */
      created: boolean;
      /** @description null when nothing is billable */
      invoice: components['schemas']['InvoiceDto'] | null;
    };
    LdapLoginDto: {
      /**
       * @description uid, sAMAccountName or userPrincipalName, as configured.
       * @example jdoe
       */
      login: string;
      mfaCode?: string;
      /** @description The organization's id or exact name; optional when one organization uses a directory. */
      organization?: string;
      password: string;
      /** @description One of the recovery codes, instead of mfaCode; each works once. */
      recoveryCode?: string;
    };
    LegalHoldDto: {
      /** @example Litigation hold, case 2026-114 */
      reason: string;
    };
    LegalHoldResponseDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      employeeId: string;
      reason: string;
    };
    LicenseDto: {
      licensee: string;
      licenseId: string;
      organizationId: string;
      /** @enum {string} */
      plan: 'team' | 'business' | 'enterprise';
      seats: number;
      /** @enum {string} */
      status: 'valid' | 'expired' | 'not-yet-valid';
      uploadedAt: string;
      validFrom: string;
      validUntil: string;
    };
    LoadDemoDto: {
      /** @default 30 */
      days: number;
      /** @default 50 */
      employees: number;
      /** @description The generator seed: the same seed gives the same people and activity. */
      seed?: number;
    };
    LocalizedTextsDto: {
      en?: string;
      ru?: string;
      uk?: string;
    };
    LoginDto: {
      /** @example ada@example.com */
      email: string;
      /**
       * @description The current 6-digit authenticator code; required when the user enabled MFA (without it: 401 `mfa-required`).
       * @example 123456
       */
      mfaCode?: string;
      password: string;
      /**
       * @description One of the recovery codes, instead of mfaCode; each works once.
       * @example abcde-fghjk
       */
      recoveryCode?: string;
    };
    LoginResponseDto: {
      /** @description JWT (HS256) for `Authorization: Bearer`. */
      accessToken: string;
      /** @description Seconds until the access token expires. */
      expiresIn: number;
      /** @description Single use: exchange it at /auth/refresh for a new pair. Only with `X-Refresh-Token-Delivery: body` or a refresh token sent in the body; otherwise it is in the HttpOnly `ctx_refresh` cookie. */
      refreshToken?: string;
      /** Format: uuid */
      sessionId: string;
      /** @example Bearer */
      tokenType: string;
      user: components['schemas']['UserDto'];
    };
    MailPreferenceDto: {
      /** @enum {string} */
      category: 'security' | 'transactional' | 'reports' | 'product';
      enabled: boolean;
      /** @description Security and transactional mail cannot be turned off. */
      locked: boolean;
    };
    MailPreferencesDto: {
      items: components['schemas']['MailPreferenceDto'][];
    };
    MailSettingsDto: {
      /** @description The organization set its own server (the fields below). */
      configured: boolean;
      from: string;
      /** @description A password is stored (it is never returned). */
      hasPassword: boolean;
      host: string;
      port: number;
      /** @enum {string} */
      security: 'tls' | 'starttls' | 'none';
      /**
       * @description `console`: this organization’s server below; `environment`: the installation’s SMTP_URL; `outbox`: no server, mail is written to DATA_DIR/outbox.
       * @enum {string}
       */
      source: 'console' | 'environment' | 'outbox';
      /** Format: date-time */
      updatedAt: string | null;
      username: string | null;
    };
    MemberDto: {
      /** Format: uuid */
      employeeId: string | null;
      hourlyRate: number | null;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'team' | 'employee';
      /** Format: uuid */
      projectId: string;
      /** Format: uuid */
      teamId: string | null;
    };
    MemberListDto: {
      items: components['schemas']['MemberDto'][];
    };
    MfaCodeDto: {
      /**
       * @description The current 6-digit code from the authenticator app.
       * @example 123456
       */
      code: string;
    };
    MfaCompleteDto: {
      /** @description A 6-digit code from the authenticator app. */
      mfaCode?: string;
      /** @description A passkey assertion instead of a code. */
      passkey?: components['schemas']['PasskeyAssertionDto'];
      /** @description A recovery code instead of mfaCode. */
      recoveryCode?: string;
      /** @description The ticket an OpenID Connect sign-in handed over (mfaTicket). */
      ticket: string;
    };
    MfaDisableDto: {
      /**
       * @description A current 6-digit code; or give password.
       * @example 123456
       */
      code?: string;
      /** @description The account password; or give code. */
      password?: string;
    };
    MfaOverviewDto: {
      /** @description I must set up a second factor before anything else works (403 mfa-enrollment-required elsewhere). */
      enrollmentPending: boolean;
      /** @description Registered passkeys and security keys. */
      passkeys: number;
      /** @description Recovery codes not used yet. */
      recoveryCodesLeft: number;
      /** @description The organization's policy requires a second factor for my role. */
      required: boolean;
      /** @description An authenticator app (TOTP) is enabled. */
      totpEnabled: boolean;
    };
    MfaPolicyDto: {
      /** @description Users of these roles must sign in with a second factor; those without one enroll at their next sign-in. */
      requiredRoles: ('owner' | 'admin' | 'hr' | 'manager' | 'employee')[];
    };
    MfaSetupDto: {
      /**
       * @description otpauth://totp URI for a QR code (SHA-1, 6 digits, 30-second period).
       * @example otpauth://totp/CallTimeX:ada%40example.com?secret=...&issuer=CallTimeX
       */
      otpauthUri: string;
      /**
       * @description Base32 TOTP seed, shown only in this response; enter it or scan the URI.
       * @example JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
       */
      secret: string;
    };
    MfaStatusDto: {
      enabled: boolean;
    };
    MfaTicketDto: {
      /** @description The mfaTicket of a 401 mfa-required answer or of an OIDC sign-in. */
      ticket: string;
    };
    MissingAcknowledgementDto: {
      email: string;
      /** Format: uuid */
      employeeId: string;
      fullName: string;
      /** Format: uuid */
      teamId: string | null;
    };
    MissingAcknowledgementsDto: {
      items: components['schemas']['MissingAcknowledgementDto'][];
      /** @description null: no notice published. */
      version: number | null;
    };
    NoticeAcknowledgementDto: {
      /** Format: date-time */
      acknowledgedAt: string;
      /** Format: uuid */
      deviceId: string;
      /** Format: uuid */
      employeeId: string;
      version: number;
    };
    NoticeDraftDto: {
      /** @description The text says that screenshots are taken (interval, blur, who sees them). Screenshots can be turned on only under a published version that does. Default false. */
      coversScreenshots?: boolean;
      /** @description The notice per language: what is collected, why, who sees it. */
      texts: components['schemas']['LocalizedTextsDto'];
    };
    NoticeDto: {
      /** @description The text covers screenshots (they may be turned on under it). */
      coversScreenshots: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      publishedAt?: string;
      /** @enum {string} */
      status: 'draft' | 'published';
      texts: components['schemas']['LocalizedTextsDto'];
      version: number;
    };
    NoticeListDto: {
      items: components['schemas']['NoticeDto'][];
      /** @description No notice is published yet: the console asks to publish one. */
      needsPublishing: boolean;
    };
    Object: Record<string, never>;
    OidcLogoutDto: {
      /** @description The provider's end-session URL to send the browser to (null: none). */
      endSessionUrl: string | null;
    };
    OidcProviderDto: {
      allowedDomains: string[];
      clientId: string;
      /** @description A client secret is stored (it is never shown). */
      clientSecretSet: boolean;
      /** @enum {string} */
      defaultRole: 'admin' | 'hr' | 'manager' | 'employee';
      displayName: string;
      enabled: boolean;
      issuer: string;
      jit: boolean;
      mfaAcr: string[];
      mfaAmr: string[];
      organizationId: string;
      /** @description Post-logout redirect URI to register at the provider. */
      postLogoutRedirectUri: string;
      /** @description Redirect URI to register at the provider. */
      redirectUri: string;
      roleClaim: string | null;
      roleMap: components['schemas']['RoleMappingDto'][];
      scopes: string;
      /** @enum {string} */
      source: 'console' | 'environment';
      teamClaim: string | null;
      teamMap: components['schemas']['TeamMappingDto'][];
    };
    OidcProviderInputDto: {
      /**
       * @example [
       *       "example.com"
       *     ]
       */
      allowedDomains?: string[];
      clientId: string;
      /** @description Write-only. Omit to keep the stored one; null removes it (public client). */
      clientSecret?: Record<string, never> | null;
      /**
       * @default employee
       * @enum {string}
       */
      defaultRole: 'admin' | 'hr' | 'manager' | 'employee';
      /**
       * @description Shown on the sign-in button.
       * @example Keycloak
       */
      displayName: string;
      /** @default true */
      enabled: boolean;
      /** @description Issuer URL (discovery reads /.well-known/openid-configuration). */
      issuer: string;
      /**
       * @description Create users at their first sign-in.
       * @default false
       */
      jit: boolean;
      /** @description `acr` values that mean MFA was done. */
      mfaAcr?: string[];
      /** @description `amr` values that mean MFA was done. */
      mfaAmr?: string[];
      /** @example groups */
      roleClaim?: string | null;
      roleMap?: components['schemas']['RoleMappingDto'][];
      /** @default openid email profile */
      scopes: string;
      /** @example groups */
      teamClaim?: string | null;
      teamMap?: components['schemas']['TeamMappingDto'][];
    };
    OrganizationClosureDto: {
      /** Format: date-time */
      closedAt: string;
      /**
       * Format: date-time
       * @description Everything is deleted after this; reopen before to cancel.
       */
      purgeAt: string;
    };
    OrganizationClosureStatusDto: {
      /** @description True while the organization is closed and waiting to be purged. */
      closed: boolean;
      /** Format: date-time */
      closedAt: string | null;
      /**
       * Format: date-time
       * @description Everything is deleted after this; reopen before to cancel. Null while open.
       */
      purgeAt: string | null;
    };
    OrganizationDto: {
      /** Format: date-time */
      createdAt: string;
      /**
       * @description For employees who have no zone of their own.
       * @example Europe/Kyiv
       */
      defaultTimeZone: string;
      /** Format: uuid */
      id: string;
      /**
       * @description The authoritative language of its texts.
       * @enum {string}
       */
      locale: 'en' | 'ru' | 'uk';
      name: string;
    };
    OrganizationSummaryDto: {
      /** Format: uuid */
      id: string;
      name: string;
    };
    OverrideRangeDto: {
      /** @example 2026-12-03T10:30:00Z */
      end: string;
      /** @example 2026-12-03T09:00:00Z */
      start: string;
    };
    PasskeyAssertionDto: {
      /** @description From /auth/mfa/passkey-options. */
      challengeId: string;
      /** @description AuthenticationResponseJSON from navigator.credentials.get (@simplewebauthn/browser). */
      response: {
        [key: string]: unknown;
      };
    };
    PasskeyDto: {
      createdAt: string;
      /** Format: uuid */
      id: string;
      lastUsedAt: string | null;
      name: string;
    };
    PasskeyListDto: {
      items: components['schemas']['PasskeyDto'][];
    };
    PasskeyOptionsDto: {
      /** Format: uuid */
      challengeId: string;
      /** @description PublicKeyCredential options JSON for @simplewebauthn/browser. */
      options: {
        [key: string]: unknown;
      };
    };
    PasskeyRegisterDto: {
      /** @description From /me/mfa/passkeys/options. */
      challengeId: string;
      /** @example Laptop */
      name: string;
      /** @description RegistrationResponseJSON from navigator.credentials.create (@simplewebauthn/browser). */
      response: {
        [key: string]: unknown;
      };
    };
    PasswordResetAcceptedDto: {
      /** @enum {string} */
      status: 'accepted';
    };
    PasswordResetConfirmDto: {
      password: string;
      /** @description The token from the reset link */
      token: string;
    };
    PasswordResetRequestDto: {
      /** @example olive@example.com */
      email: string;
    };
    PaymentDto: {
      amountMinor: number;
      id: string;
      invoiceId: string;
      method: string;
      receivedAt: string;
      reference: string | null;
    };
    PayrollColumnDto: {
      /**
       * @description Which figure the column holds.
       * @enum {string}
       */
      field:
        | 'employeeId'
        | 'employeeName'
        | 'periodStart'
        | 'periodEnd'
        | 'scheduledHours'
        | 'workedHours'
        | 'regularHours'
        | 'overtimeHours'
        | 'vacationDays'
        | 'vacationHours'
        | 'sickDays'
        | 'sickHours'
        | 'otherAbsenceDays'
        | 'otherAbsenceHours'
        | 'holidayDays'
        | 'daysPresent'
        | 'daysAbsent';
      /** @description The header the payroll system expects. */
      header: string;
    };
    PayrollFieldDto: {
      /** @enum {string} */
      field:
        | 'employeeId'
        | 'employeeName'
        | 'periodStart'
        | 'periodEnd'
        | 'scheduledHours'
        | 'workedHours'
        | 'regularHours'
        | 'overtimeHours'
        | 'vacationDays'
        | 'vacationHours'
        | 'sickDays'
        | 'sickHours'
        | 'otherAbsenceDays'
        | 'otherAbsenceHours'
        | 'holidayDays'
        | 'daysPresent'
        | 'daysAbsent';
      /** @enum {string} */
      kind: 'text' | 'date' | 'duration' | 'days';
    };
    PayrollFieldListDto: {
      items: components['schemas']['PayrollFieldDto'][];
    };
    PayrollMappingDto: {
      /** @description The columns, in file order. */
      columns: components['schemas']['PayrollColumnDto'][];
      /**
       * @description The CSV separator.
       * @enum {string}
       */
      csvDelimiter: ',' | ';';
      /** @enum {string} */
      dateFormat: 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY';
      /** @description Digits after the separator for decimal hours. */
      decimals: number;
      /** @enum {string} */
      decimalSeparator: '.' | ',';
      /**
       * @description Hours as decimal hours, h:mm, or whole minutes.
       * @enum {string}
       */
      durationFormat: 'decimal-hours' | 'hh:mm' | 'minutes';
    };
    PayrollPreviewDto: {
      headers: string[];
      /** @description True when the month is locked: the figures are the frozen ones. */
      locked: boolean;
      rows: string[][];
    };
    PayrollPreviewQueryDto: {
      /** @description A mapping to try; default: the saved one. */
      mapping?: components['schemas']['PayrollMappingDto'];
      /** @example 2026-10 */
      month: string;
    };
    PeriodDto: {
      /** @example 2026-10-01 */
      from: string;
      /** Format: date-time */
      lockedAt?: string | null;
      /** Format: uuid */
      lockedByUserId?: string | null;
      /** @example 2026-10 */
      month: string;
      /**
       * @description locked: figures frozen; open: ended and can be locked; current: not ended yet everywhere; future.
       * @enum {string}
       */
      state: 'open' | 'locked' | 'current' | 'future';
      /** @example 2026-10-31 */
      to: string;
    };
    PeriodListDto: {
      items: components['schemas']['PeriodDto'][];
    };
    PolicyAcceptanceDto: {
      /** Format: date-time */
      acceptedAt: string;
      version: number;
    };
    PolicyVersionDto: {
      /** @enum {string} */
      authoritativeLanguage: 'en' | 'ru' | 'uk';
      /** Format: date-time */
      effectiveAt: string;
      /** Format: uuid */
      id: string;
      /** @description Its effective date has come. */
      inEffect: boolean;
      /** Format: date-time */
      publishedAt: string;
      summary?: string;
      texts: components['schemas']['LocalizedTextsDto'];
      version: number;
    };
    PolicyVersionListDto: {
      items: components['schemas']['PolicyVersionDto'][];
    };
    PrivacyRequestDto: {
      /** Format: date-time */
      completedAt?: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      downloadExpiresAt?: string;
      /** @description For a completed access request: GET with the same token. */
      downloadUrl?: string;
      /**
       * Format: date-time
       * @description Filing time + 30 days.
       */
      dueAt: string;
      /** Format: uuid */
      employeeId: string;
      /** Format: uuid */
      id: string;
      note?: string;
      /** @description Still open after its due date. */
      overdue: boolean;
      rejectionReason?: string;
      /** @enum {string} */
      status: 'pending' | 'processing' | 'completed' | 'rejected';
      /** @enum {string} */
      type: 'access' | 'erasure' | 'rectification';
      verification?: components['schemas']['ErasureVerificationDto'];
    };
    PrivacyRequestPageDto: {
      items: components['schemas']['PrivacyRequestDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    /** @description RFC 9457 problem details. `type` ends in a stable code; more members may follow (e.g. `retryAfterSeconds`). */
    Problem: {
      /** @description Echoes the `X-Request-Id` of the answer. */
      correlationId?: string;
      /** @example Employee not found. */
      detail: string;
      /** @example /api/v1/employees/7a1c7f0e-5b8e-4a51-9d2f-3f0f1c2b9e44 */
      instance?: string;
      /** @example 404 */
      status: number;
      /** @example Not found */
      title: string;
      /** @example https://calltimex.dev/problems/not-found */
      type: string;
    } & {
      [key: string]: unknown;
    };
    ProductivityRuleDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'app' | 'site';
      pattern: string;
      /** @enum {string} */
      productivity: 'productive' | 'neutral' | 'unproductive';
      /**
       * Format: uuid
       * @description null: organization rule
       */
      teamId: string | null;
      /** Format: date-time */
      updatedAt: string;
    };
    ProductivityRuleListDto: {
      items: components['schemas']['ProductivityRuleDto'][];
    };
    ProjectDto: {
      archived: boolean;
      billable: boolean;
      budgetEndsOn: string | null;
      budgetHours: number | null;
      /** Format: uuid */
      clientId: string | null;
      code: string | null;
      hourlyRate: number | null;
      /** Format: uuid */
      id: string;
      name: string;
    };
    ProjectListDto: {
      items: components['schemas']['ProjectDto'][];
    };
    ProjectReportDto: {
      amount: number;
      /** @example EUR */
      currency: string;
      from: string;
      /** @enum {string} */
      groupBy: 'client' | 'project' | 'task' | 'employee';
      rows: components['schemas']['ProjectReportRowDto'][];
      to: string;
      totalSeconds: number;
      unallocatedSeconds: number;
    };
    ProjectReportRowDto: {
      /** @description Billable hours × effective hourly rate. */
      amount: number;
      billableSeconds: number;
      /** @description groupBy=project: budget in hours. */
      budgetHours?: number | null;
      /** @description groupBy=project: share of the budget used in the range, %. */
      budgetUsedPercent?: number | null;
      /** @description Id of the group; null: unallocated (or no client / task). */
      id: string | null;
      name: string;
      /** @description Tracked active seconds allocated to the group. */
      seconds: number;
    };
    ProjectSettingsDto: {
      /** @example EUR */
      currency: string;
      /** @description The organization’s default hourly rate. */
      defaultHourlyRate: number;
    };
    PublicOidcProviderDto: {
      displayName: string;
      organizationId: string;
      /** @description Where the browser goes to sign in (relative to the server). */
      startUrl: string;
    };
    PublicOidcProviderListDto: {
      items: components['schemas']['PublicOidcProviderDto'][];
    };
    PublishedPolicyVersionDto: {
      /** @enum {string} */
      authoritativeLanguage: 'en' | 'ru' | 'uk';
      /** Format: date-time */
      effectiveAt: string;
      /** Format: uuid */
      id: string;
      /** @description Its effective date has come. */
      inEffect: boolean;
      /** @description Announcement mails queued (one per user). */
      mailsQueued: number;
      /** Format: date-time */
      publishedAt: string;
      summary?: string;
      texts: components['schemas']['LocalizedTextsDto'];
      version: number;
    };
    PublishNoticeDto: {
      /** @description Set, at publication, whether this version covers screenshots; left out: as the draft says. */
      coversScreenshots?: boolean;
    };
    PublishPolicyVersionDto: {
      /**
       * @description Prevails when language versions differ.
       * @enum {string}
       */
      authoritativeLanguage: 'en' | 'ru' | 'uk';
      /**
       * Format: date-time
       * @description At least 30 days after publication (now), else 400.
       */
      effectiveAt: string;
      /** @description What changes, for the announcement mail. */
      summary?: string;
      texts: components['schemas']['LocalizedTextsDto'];
    };
    PutDirectoryConfigDto: {
      /** @example ou=people,dc=corp,dc=example */
      baseDn: string;
      /** @example cn=calltimex,ou=services,dc=corp,dc=example */
      bindDn?: string | null;
      /** @description For bindMode direct: `uid={login},ou=people,dc=corp,dc=example` or `{login}@corp.example`. */
      bindDnTemplate?: string | null;
      /**
       * @description `search`: bind with the service account, find the user, bind as them. `direct`: bind as bindDnTemplate with {login} replaced.
       * @default search
       * @enum {string}
       */
      bindMode: 'search' | 'direct';
      /** @description The service account's password. Write-only: never returned. Omitted: the stored one is kept; null: removed. */
      bindPassword?: string | null;
      /**
       * @description Create or link a tracked employee for each directory user.
       * @default true
       */
      createEmployees: boolean;
      /**
       * @description Role of a directory user in no mapped group; null: such users may not sign in.
       * @default null
       * @enum {string|null}
       */
      defaultRole: 'admin' | 'hr' | 'manager' | 'employee' | null;
      /** @default mail */
      emailAttribute: string;
      /** @description Directory sign-in (and sync) on or off. */
      enabled: boolean;
      /** @default givenName */
      firstNameAttribute: string;
      /** @description Where groups are; null: baseDn. */
      groupBaseDn?: string | null;
      /** @default (|(objectClass=groupOfNames)(objectClass=group)) */
      groupFilter: string;
      /**
       * @description The group attribute listing member DNs.
       * @default member
       */
      groupMemberAttribute: string;
      /** @default sn */
      lastNameAttribute: string;
      /**
       * @default uid
       * @enum {string}
       */
      loginAttribute: 'uid' | 'sAMAccountName' | 'userPrincipalName' | 'mail';
      roleMappings?: components['schemas']['GroupRoleMappingSchema'][];
      /**
       * @description Upgrade an ldap:// connection with StartTLS.
       * @default false
       */
      startTls: boolean;
      /**
       * @description Run the directory sync on a schedule.
       * @default false
       */
      syncEnabled: boolean;
      /** @default 60 */
      syncIntervalMinutes: number;
      teamMappings?: components['schemas']['GroupTeamMappingSchema'][];
      /** @description PEM of the CA that signed the server certificate (empty: the system CAs). */
      tlsCaPem?: string | null;
      /** @example ldaps://dc1.corp.example:636 */
      url: string;
      /** @default (objectClass=person) */
      userFilter: string;
    };
    PutMailSettingsDto: {
      /** @example CallTimeX <calltimex@corp.example> */
      from: string;
      /** @example smtp.corp.example */
      host: string;
      /** @description Write-only. Omitted: the stored one is kept; null: removed. */
      password?: string | null;
      /** @example 587 */
      port: number;
      /**
       * @description `tls`: TLS from the start (port 465); `starttls`: upgraded (587, required); `none`: plain (a relay on the same network only).
       * @enum {string}
       */
      security: 'tls' | 'starttls' | 'none';
      username?: string | null;
    };
    RecordPaymentDto: {
      /** @description Minor units, positive */
      amountMinor: number;
      /** @enum {string} */
      method: 'bank-transfer' | 'manual';
      /** @description When the money arrived (default now) */
      receivedAt?: string;
      /** @description Bank reference or note */
      reference?: string;
    };
    RecoveryCodesDto: {
      /** @description Ten single-use codes, shown only in this response; the previous ones stop working. */
      codes: string[];
    };
    RefreshDto: {
      /** @description The refresh token from sign-in or from the last refresh; without it, the HttpOnly `ctx_refresh` cookie is used (then `X-CSRF` is required). */
      refreshToken?: string;
    };
    RejectedEventDto: {
      /** @description Position of the event in the batch. */
      index: number;
      reason: string;
    };
    RejectPrivacyRequestDto: {
      reason: string;
    };
    ReportInventoryDto: {
      agentVersion?: string;
      hostname?: string;
      os?: string;
    };
    ReportSubscriptionDto: {
      /** Format: date-time */
      createdAt: string;
      /** @enum {string} */
      delivery: 'attachment' | 'link';
      /** @enum {string} */
      format: 'csv' | 'xlsx' | 'pdf';
      /** @enum {string} */
      frequency: 'weekly' | 'monthly';
      /** Format: uuid */
      id: string;
      /** @description First day of the last period sent */
      lastPeriodFrom: string | null;
      /** @enum {string} */
      report: 'summary' | 'usage' | 'attendance' | 'attendance-totals';
      /** Format: uuid */
      teamId: string | null;
    };
    ReportSubscriptionListDto: {
      items: components['schemas']['ReportSubscriptionDto'][];
    };
    RetentionSettingsDto: {
      auditDays: number;
      dailyTotalsDays: number;
      /** @description Never changed: the installation defaults apply. */
      defaults?: boolean;
      exportFileDays: number;
      /** Format: uuid */
      organizationId: string;
      rawActivityDays: number;
    };
    RetriedJobDto: {
      id: string;
      /** @enum {string} */
      status: 'waiting';
    };
    ReturnTimesheetDto: {
      /** @description What to correct; shown to the employee. */
      comment: string;
    };
    RoleMappingDto: {
      /** @enum {string} */
      role: 'admin' | 'hr' | 'manager' | 'employee';
      /**
       * @description A value of the role claim, e.g. a group name.
       * @example ctx-admins
       */
      value: string;
    };
    ScreenshotDto: {
      /**
       * @description thumbnails: only the thumbnail is kept.
       * @enum {string}
       */
      blur: 'none' | 'blurred' | 'thumbnails';
      /** Format: date-time */
      capturedAt: string;
      /** Format: uuid */
      deviceId: string;
      /** Format: uuid */
      employeeId: string;
      height: number;
      /** Format: uuid */
      id: string;
      width: number;
    };
    ScreenshotListDto: {
      items: components['schemas']['ScreenshotDto'][];
      /** @description Pass as cursor for the next page. */
      nextCursor: string | null;
    };
    ScreenshotPolicyDto: {
      enabled: boolean;
      excludedApps: string[];
      excludedSites: string[];
      /** @enum {string} */
      format: 'jpeg';
      intervalSeconds: number;
      /** @default 1920 */
      maxWidth: number;
      /** @description The notice version in force. */
      noticeVersion?: number;
      /** @default 70 */
      quality: number;
      randomize: boolean;
      /** @enum {string} */
      reason?: 'off' | 'notice-not-acknowledged' | 'notice-does-not-cover-screenshots';
    };
    ScreenshotSettingsDto: {
      /**
       * @description none: clear images; blurred: only blurred ones are kept; thumbnails: only small thumbnails are kept.
       * @enum {string}
       */
      blur: 'none' | 'blurred' | 'thumbnails';
      /** @description The employee may delete their own capture within this many hours of it. */
      deleteWindowHours: number;
      /** @description Screenshots are taken (off by default). */
      enabled: boolean;
      /** @description Applications never captured (while in front). */
      excludedApps: string[];
      /** @description Sites (host names) never captured. */
      excludedSites: string[];
      intervalSeconds: number;
      /** @description Once at a random moment within each interval. */
      randomize: boolean;
      /** @description Screenshots are deleted after this many days. */
      retentionDays: number;
    };
    ScreenshotSettingsOverviewDto: {
      organization: components['schemas']['ScreenshotSettingsDto'];
      /** @description Teams with settings of their own. */
      teams: components['schemas']['TeamScreenshotSettingsDto'][];
    };
    ScreenshotUploadResultDto: {
      /** @description Stored before: a re-send (200). */
      duplicate?: boolean;
      /** Format: uuid */
      id: string;
      /** @description Stored now (201). */
      stored?: boolean;
    };
    SeatHolderDto: {
      /** @description Devices of this employee that are not revoked */
      devices: number;
      email: string;
      /** Format: uuid */
      employeeId: string;
      fullName: string;
      /**
       * Format: date-time
       * @description Enrollment of the oldest of them
       */
      since: string;
    };
    SeatHoldersDto: {
      items: components['schemas']['SeatHolderDto'][];
      page: number;
      pageSize: number;
      /** @description Seats in use */
      total: number;
    };
    SeatsDto: {
      currency: string;
      /** @description Whether enrollment is refused past the limit: only under a valid license. Without one the installation runs in evaluation mode and seats above the free tier are only reported. */
      enforced: boolean;
      /** @description Seats allowed over the licensed number (5 %, rounded down) */
      graceSeats: number;
      license: components['schemas']['LicenseDto'] | null;
      /** @description Seats the plan or license grants */
      licensedSeats: number;
      /** @description What a license must name */
      organizationId: string;
      /** @enum {string} */
      plan: 'free' | 'team' | 'business' | 'enterprise';
      /** @description Price of a seat per month, minor units */
      pricePerSeatMinor: number;
      /** @description Employees with an active device now */
      seatsInUse: number;
      /** @description Tax rate in basis points (1900 = 19 %) */
      taxRateBasisPoints: number;
    };
    SeatUsageDayDto: {
      day: string;
      seats: number;
    };
    SeatUsageDto: {
      /** @description The highest daily count: what the period bills */
      billableSeats: number;
      days: components['schemas']['SeatUsageDayDto'][];
      period: string;
    };
    SessionDto: {
      clientAddress: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @description The session of the token that asked. */
      current: boolean;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lastUsedAt: string;
      userAgent: string | null;
    };
    SessionListDto: {
      items: components['schemas']['SessionDto'][];
    };
    SetEmployeeRateDto: {
      /** @description Per hour; null removes it. */
      hourlyRate: number | null;
    };
    SetTeamManagersDto: {
      /** @description Replaces the team's managers. */
      userIds: string[];
    };
    SignInLinkAcceptedDto: {
      /** @enum {string} */
      status: 'accepted';
    };
    SignInLinkConsumeDto: {
      /**
       * @description The current 6-digit authenticator code; required when the user enabled MFA (without it: 401 `mfa-required`, and the link stays usable).
       * @example 123456
       */
      mfaCode?: string;
      /** @description The token from the sign-in link in the mail. */
      token: string;
    };
    SignInLinkRequestDto: {
      /** @example ada@example.com */
      email: string;
    };
    SignupDto: {
      /** @example ada@example.com */
      email: string;
      /** @example Ada Lovelace */
      fullName: string;
      /** @example Acme Ltd */
      organizationName: string;
      /** @description At least 10 characters, not a common password. */
      password: string;
    };
    SignupResponseDto: {
      /** @description JWT (HS256) for `Authorization: Bearer`. */
      accessToken: string;
      /** @description Seconds until the access token expires. */
      expiresIn: number;
      organization: components['schemas']['OrganizationSummaryDto'];
      /** @description Single use: exchange it at /auth/refresh for a new pair. Only with `X-Refresh-Token-Delivery: body` or a refresh token sent in the body; otherwise it is in the HttpOnly `ctx_refresh` cookie. */
      refreshToken?: string;
      /** Format: uuid */
      sessionId: string;
      /** @example Bearer */
      tokenType: string;
      user: components['schemas']['UserDto'];
    };
    SkippedHolidayDto: {
      /** @example 2026-12-25 */
      date: string;
      /** @example Christmas Day */
      name: string;
    };
    SubmitTimesheetDto: {
      /**
       * @description Any day of the period to submit.
       * @example 2026-12-02
       */
      day: string;
    };
    SummaryDto: {
      from: string;
      /** @description One row per employee in scope with any active or idle time in the range, by name. */
      rows: components['schemas']['SummaryRowDto'][];
      to: string;
    };
    SummaryRowDto: {
      /** @description Union of the employee’s active spans over all devices, in seconds. */
      activeSeconds: number;
      /** Format: uuid */
      employeeId: string;
      /**
       * @description ISO 8601 with the employee’s UTC offset at that instant. First: the start of the first second of active time within the range; last: the end of the last one. null when the range holds only idle time.
       * @example 2026-11-02T08:59:30.000+01:00
       */
      firstActivityAt: string | null;
      fullName: string;
      /** @description Union of idle spans minus active time, in seconds. */
      idleSeconds: number;
      /** @description ISO 8601 with the employee’s UTC offset at that instant. First: the start of the first second of active time within the range; last: the end of the last one. null when the range holds only idle time. */
      lastActivityAt: string | null;
      neutralSeconds: number;
      /** @description productive + neutral + unproductive = active. */
      productiveSeconds: number;
      unproductiveSeconds: number;
    };
    SyncErrorDto: {
      /** @description The login or DN concerned. */
      key: string;
      message: string;
    };
    SyncRunDto: {
      created: number;
      /** Format: date-time */
      createdAt: string;
      deactivated: number;
      errors: components['schemas']['SyncErrorDto'][];
      /** Format: date-time */
      finishedAt: string | null;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      startedAt: string | null;
      /** @enum {string} */
      status: 'queued' | 'running' | 'succeeded' | 'failed';
      /** @enum {string} */
      trigger: 'manual' | 'schedule';
      unchanged: number;
      updated: number;
    };
    SyncRunListDto: {
      items: components['schemas']['SyncRunDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    TaskDto: {
      archived: boolean;
      /** Format: uuid */
      id: string;
      name: string;
      /** Format: uuid */
      projectId: string;
    };
    TaskListDto: {
      items: components['schemas']['TaskDto'][];
    };
    TeamComparisonDto: {
      from: string;
      /** @description One row per team with activity in the range (each the sum of its people’s summary rows), most active time first. */
      rows: components['schemas']['TeamComparisonRowDto'][];
      to: string;
    };
    TeamComparisonRowDto: {
      activeSeconds: number;
      /** @description Employees of the team with any active or idle time in the range. */
      employees: number;
      idleSeconds: number;
      neutralSeconds: number;
      productiveSeconds: number;
      /**
       * Format: uuid
       * @description null: people in no team.
       */
      teamId: string | null;
      unproductiveSeconds: number;
    };
    TeamDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /** @description Users who manage this team. */
      managerUserIds: string[];
      name: string;
      /** Format: uuid */
      workScheduleId: string | null;
    };
    TeamMappingDto: {
      /**
       * @description Name of the CallTimeX team.
       * @example Sales
       */
      team: string;
      /**
       * @description A value of the team claim.
       * @example sales-eu
       */
      value: string;
    };
    TeamPageDto: {
      items: components['schemas']['TeamDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    TeamScreenshotSettingsDto: {
      /**
       * @description none: clear images; blurred: only blurred ones are kept; thumbnails: only small thumbnails are kept.
       * @enum {string}
       */
      blur: 'none' | 'blurred' | 'thumbnails';
      /** @description The employee may delete their own capture within this many hours of it. */
      deleteWindowHours: number;
      /** @description Screenshots are taken (off by default). */
      enabled: boolean;
      /** @description Applications never captured (while in front). */
      excludedApps: string[];
      /** @description Sites (host names) never captured. */
      excludedSites: string[];
      intervalSeconds: number;
      /** @description Once at a random moment within each interval. */
      randomize: boolean;
      /** @description Screenshots are deleted after this many days. */
      retentionDays: number;
      /** Format: uuid */
      teamId: string;
      teamName: string;
    };
    TestConnectionDto: {
      /** @description Also try to sign in as this user. */
      login?: string;
      password?: string;
    };
    TestConnectionResultDto: {
      error: components['schemas']['ConnectionErrorDto'] | null;
      groups: components['schemas']['DirectoryGroupDto'][];
      ok: boolean;
      sampleUsers: components['schemas']['DirectoryPersonDto'][];
      /** @description The test login, when one was given; null: refused. */
      testUser?: components['schemas']['DirectoryPersonDto'] | null;
      userCount: number;
    };
    TestMailDto: {
      /** @example it@corp.example */
      to: string;
    };
    TestMailResultDto: {
      /** @description The server accepted the mail. */
      delivered: boolean;
      durationMs: number;
      /** @description Why not, in the server’s words. */
      error: string | null;
      /** @description The server’s answer, e.g. `250 2.0.0 Ok: queued`. */
      response: string | null;
      /** @enum {string} */
      source: 'console' | 'environment' | 'outbox';
    };
    TimeEntryDto: {
      createdAt: string;
      /** Format: uuid */
      createdByUserId: string;
      /** @description The employee’s local day it starts on. */
      day: string;
      /** Format: uuid */
      decidedByUserId: string | null;
      decisionComment: string | null;
      /** Format: uuid */
      employeeId: string;
      employeeName: string;
      /** @example 2026-11-30T09:30:00.000Z */
      end: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'work' | 'meeting' | 'call' | 'other';
      note: string | null;
      /** Format: uuid */
      projectId: string | null;
      seconds: number;
      /** @example 2026-11-30T08:00:00.000Z */
      start: string;
      /** @enum {string} */
      status: 'pending' | 'approved' | 'rejected';
      /** Format: uuid */
      taskId: string | null;
      updatedAt: string;
      /** Format: uuid */
      updatedByUserId: string | null;
    };
    TimeEntryListDto: {
      items: components['schemas']['TimeEntryDto'][];
    };
    TimelineDto: {
      activeSeconds: number;
      day: string;
      /** Format: uuid */
      employeeId: string;
      idleSeconds: number;
      /** @description Merged spans in time order: where devices overlap, the span deciding the class stands for that time. */
      spans: components['schemas']['TimelineEntryDto'][];
      /** @description The IANA zone the day is counted in. */
      timeZone: string;
    };
    TimelineEntryDto: {
      app: string | null;
      end: string;
      /** @enum {string} */
      kind: 'active' | 'idle';
      /**
       * @description Under the rules of the employee’s team; null for idle.
       * @enum {string|null}
       */
      productivity: 'productive' | 'neutral' | 'unproductive' | null;
      seconds: number;
      /** @description Host name when the span had a URL. */
      site: string | null;
      /** @description ISO 8601 with the employee’s offset. */
      start: string;
      title: string | null;
      url: string | null;
    };
    TimesheetCellDto: {
      day: string;
      /** @description Manual seconds that count (approved, or trusted). */
      manualSeconds: number;
      /** @description Manual seconds waiting for approval. */
      pendingSeconds: number;
      /** @description Tracked active seconds allocated to this row. */
      trackedSeconds: number;
    };
    TimesheetDto: {
      /** @description The caller may approve or send it back. */
      canDecide: boolean;
      /** @description The caller may submit it (their own, open or returned). */
      canSubmit: boolean;
      comment: string | null;
      days: string[];
      decidedAt: string | null;
      /** Format: uuid */
      employeeId: string;
      employeeName: string;
      entries: components['schemas']['TimeEntryDto'][];
      /**
       * Format: uuid
       * @description null while open.
       */
      id: string | null;
      manualSeconds: number;
      pendingSeconds: number;
      /** @enum {string} */
      period: 'weekly' | 'monthly';
      /** @example 2026-12-06 */
      periodEnd: string;
      /** @example 2026-11-30 */
      periodStart: string;
      rows: components['schemas']['TimesheetRowDto'][];
      /** @enum {string} */
      status: 'open' | 'submitted' | 'approved' | 'returned';
      submittedAt: string | null;
      trackedSeconds: number;
      /** @description Manual entries count without approval in this organization. */
      trustManualTime: boolean;
    };
    TimesheetRowDto: {
      cells: components['schemas']['TimesheetCellDto'][];
      manualSeconds: number;
      pendingSeconds: number;
      /**
       * Format: uuid
       * @description null: unallocated.
       */
      projectId: string | null;
      /** Format: uuid */
      taskId: string | null;
      trackedSeconds: number;
    };
    TimesheetSettingsDto: {
      /** @enum {string} */
      period: 'weekly' | 'monthly';
      /** @description Manual entries count at once, without approval. */
      trustManualTime: boolean;
    };
    TimesheetSummaryDto: {
      comment: string | null;
      /** Format: uuid */
      employeeId: string;
      employeeName: string;
      /** Format: uuid */
      id: string;
      manualSeconds: number;
      periodEnd: string;
      periodStart: string;
      /** @enum {string} */
      status: 'open' | 'submitted' | 'approved' | 'returned';
      submittedAt: string | null;
      trackedSeconds: number;
    };
    TokensDto: {
      /** @description JWT (HS256) for `Authorization: Bearer`. */
      accessToken: string;
      /** @description Seconds until the access token expires. */
      expiresIn: number;
      /** @description Single use: exchange it at /auth/refresh for a new pair. Only with `X-Refresh-Token-Delivery: body` or a refresh token sent in the body; otherwise it is in the HttpOnly `ctx_refresh` cookie. */
      refreshToken?: string;
      /** Format: uuid */
      sessionId: string;
      /** @example Bearer */
      tokenType: string;
    };
    TrendDayDto: {
      activeSeconds: number;
      /**
       * @description A local day (each employee’s own zone).
       * @example 2026-11-02
       */
      day: string;
      /** @description Employees with any active or idle time that day. */
      employees: number;
      idleSeconds: number;
      neutralSeconds: number;
      productiveSeconds: number;
      unproductiveSeconds: number;
    };
    TrendDto: {
      /** @description Every day of the range, in order, days without activity included (zeros). Each day is the sum of the summary’s rows for that one day. */
      days: components['schemas']['TrendDayDto'][];
      from: string;
      to: string;
    };
    UnlockPeriodDto: {
      /** @description Why the period is reopened; kept in the audit log. */
      reason: string;
    };
    UpdateAllocationRuleDto: {
      /** @enum {string} */
      kind?: 'app' | 'site' | 'title';
      pattern?: string;
      /** Format: uuid */
      projectId?: string;
      /** Format: uuid */
      taskId?: string | null;
    };
    UpdateBillingSettingsDto: {
      /** @description Tax rate in basis points, 0 to 10,000 (1900 = 19 %) */
      taxRateBasisPoints: number;
    };
    UpdateClientDto: {
      archived?: boolean;
      domain?: string | null;
      name?: string;
    };
    UpdateDataCollectionSettingsDto: {
      collectTitles?: boolean;
      /** @enum {string} */
      urlMode?: 'full' | 'host';
    };
    UpdateEmployeeDto: {
      email?: string;
      fullName?: string;
      /**
       * Format: uuid
       * @description null removes the team.
       */
      teamId?: string | null;
      /** @example Europe/Kyiv */
      timeZone?: string;
      /**
       * Format: uuid
       * @description The employee's own work schedule; null falls back to the team's or the default.
       */
      workScheduleId?: string | null;
    };
    UpdateMailPreferencesDto: {
      /** @description Product news */
      product?: boolean;
      /** @description Scheduled report mails */
      reports?: boolean;
    };
    UpdateOrganizationDto: {
      /** @example Europe/Kyiv */
      defaultTimeZone?: string;
      /** @enum {string} */
      locale?: 'en' | 'ru' | 'uk';
      name?: string;
    };
    UpdateProductivityRuleDto: {
      pattern?: string;
      /** @enum {string} */
      productivity?: 'productive' | 'neutral' | 'unproductive';
    };
    UpdateProfileDto: {
      email?: string;
      firstName?: string;
      lastName?: string;
      /**
       * @description null follows the organization.
       * @enum {string|null}
       */
      locale?: 'en' | 'ru' | 'uk' | null;
      /** @example +380 44 123 4567 */
      phone?: string | null;
    };
    UpdateProjectDto: {
      archived?: boolean;
      /** @default true */
      billable: boolean;
      /**
       * @description Last day of the budget period (not in the past).
       * @example 2027-06-30
       */
      budgetEndsOn?: string | null;
      /** @example 120 */
      budgetHours?: number | null;
      /** Format: uuid */
      clientId?: string | null;
      /** @example WEB */
      code?: string | null;
      /**
       * @description Per hour, in the organization’s currency; null: the employee’s or organization’s.
       * @example 90
       */
      hourlyRate?: number | null;
      /** @example Website relaunch */
      name?: string;
    };
    UpdateProjectSettingsDto: {
      /**
       * @description ISO 4217 code.
       * @example EUR
       */
      currency?: string;
      defaultHourlyRate?: number;
    };
    UpdateRetentionSettingsDto: {
      /** @description Audit entries are deleted after this many days. */
      auditDays?: number;
      /** @description Daily totals are deleted after this many days. */
      dailyTotalsDays?: number;
      /** @description Export and access-request files are deleted after this many days. */
      exportFileDays?: number;
      /** @description Raw activity spans (titles, URLs) are deleted after this many days. */
      rawActivityDays?: number;
    };
    UpdateScreenshotSettingsDto: {
      /** @enum {string} */
      blur?: 'none' | 'blurred' | 'thumbnails';
      deleteWindowHours?: number;
      enabled?: boolean;
      excludedApps?: string[];
      excludedSites?: string[];
      intervalSeconds?: number;
      randomize?: boolean;
      retentionDays?: number;
    };
    UpdateTaskDto: {
      archived?: boolean;
      name?: string;
    };
    UpdateTeamDto: {
      name?: string;
      /**
       * Format: uuid
       * @description The team's work schedule; null falls back to the organization's default.
       */
      workScheduleId?: string | null;
    };
    UpdateTimeEntryDto: {
      /** @example 2026-11-30T10:30:00+01:00 */
      end?: string;
      /** @enum {string} */
      kind?: 'work' | 'meeting' | 'call' | 'other';
      note?: string;
      /**
       * Format: uuid
       * @description null: no project.
       */
      projectId?: Record<string, never> | null;
      /** @description Why it changed; kept in the audit log. */
      reason?: string;
      /** @example 2026-11-30T09:00:00+01:00 */
      start?: string;
      /** Format: uuid */
      taskId?: Record<string, never> | null;
    };
    UpdateTimesheetSettingsDto: {
      /** @enum {string} */
      period?: 'weekly' | 'monthly';
      trustManualTime?: boolean;
    };
    UpdateUserDto: {
      /**
       * Format: uuid
       * @description Links the login to an employee of the organization; null unlinks it.
       */
      employeeId?: string | null;
      /** @enum {string} */
      role?: 'owner' | 'admin' | 'hr' | 'manager' | 'employee';
    };
    UpdateVacationAllowanceDto: {
      /**
       * @description null removes the employee’s own days: the organization’s apply again.
       * @example 28
       */
      daysPerYear: number | null;
    };
    UpdateVacationPolicyDto: {
      /** @example 25 */
      daysPerYear: number;
    };
    UpdateWebhookDto: {
      active?: boolean;
      description?: string;
      events?: (
        | 'employee.created'
        | 'employee.deactivated'
        | 'device.enrolled'
        | 'absence.approved'
        | 'timesheet.approved'
        | 'export.ready'
        | 'privacy.request.completed'
        | 'attendance.daily.ready'
      )[];
      url?: string;
    };
    UpdateWorkScheduleDto: {
      days?: components['schemas']['WorkScheduleDayDto'][];
      /** @description true makes it the default; false leaves the organization without a default. */
      default?: boolean;
      lateAfterMinutes?: number;
      name?: string;
    };
    UploadLicenseDto: {
      /** @description The signed license document: CTXL1.<claims>.<signature> */
      license: string;
    };
    UploadScreenshotBodyDto: {
      /** Format: date-time */
      capturedAt: string;
      /**
       * Format: uuid
       * @description Chosen by the agent; a re-send is a duplicate.
       */
      id: string;
      /**
       * Format: binary
       * @description image/jpeg or image/webp, at most 5 MB
       */
      image: string;
    };
    UsageDto: {
      from: string;
      /** @description Sorted by seconds, descending. */
      rows: components['schemas']['UsageRowDto'][];
      to: string;
    };
    UsageRowDto: {
      /** @enum {string} */
      kind: 'app' | 'site';
      /** @description Application name, or host name (lower case, no port) for spans with a URL. */
      name: string;
      /**
       * @description Organization-level class (team rules may differ).
       * @enum {string}
       */
      productivity: 'productive' | 'neutral' | 'unproductive';
      /** @description Sum over employees of each one’s union of spans with this name. */
      seconds: number;
    };
    UserDto: {
      /** Format: date-time */
      createdAt: string;
      /** @example ada@example.com */
      email: string;
      /** @description Name of the linked employee (user list and user detail only). */
      employeeFullName?: string | null;
      /**
       * Format: uuid
       * @description The tracked person this login belongs to.
       */
      employeeId: string | null;
      firstName: string;
      fullName: string;
      /** Format: uuid */
      id: string;
      lastName: string;
      /**
       * Format: date-time
       * @description Newest sign-in on record (user list and user detail only).
       */
      lastSignInAt?: string | null;
      /** @enum {string|null} */
      locale: 'en' | 'ru' | 'uk' | null;
      /** Format: uuid */
      organizationId: string;
      phone: string | null;
      /** @enum {string} */
      role: 'owner' | 'admin' | 'hr' | 'manager' | 'employee';
      /** @enum {string} */
      status: 'invited' | 'active' | 'deactivated';
    };
    UserPageDto: {
      items: components['schemas']['UserDto'][];
      page: number;
      pageSize: number;
      total: number;
    };
    VacationAllowanceDto: {
      /**
       * @description The days a year in force for the employee.
       * @example 28
       */
      allowanceDays: number;
      /**
       * @description The employee’s own days a year; null: the organization’s apply.
       * @example 28
       */
      daysPerYear: number | null;
      /** Format: uuid */
      employeeId: string;
    };
    VacationAllowanceListDto: {
      /** @description Employees in the caller’s scope with days of their own. */
      items: components['schemas']['VacationAllowanceDto'][];
    };
    VacationPolicyDto: {
      /**
       * @description Working days of vacation a year for everyone without their own (default 20).
       * @example 25
       */
      daysPerYear: number;
    };
    ValidationProblem: components['schemas']['Problem'] & {
      /** @description Present when the body, query or path failed validation: one per problem. */
      errors?: {
        /** @example email must be an email */
        message: string;
        /** @example email */
        path: string;
      }[];
    };
    WebhookDto: {
      active: boolean;
      /** Format: date-time */
      createdAt: string;
      description: string;
      events: (
        | 'employee.created'
        | 'employee.deactivated'
        | 'device.enrolled'
        | 'absence.approved'
        | 'timesheet.approved'
        | 'export.ready'
        | 'privacy.request.completed'
        | 'attendance.daily.ready'
      )[];
      /** Format: uuid */
      id: string;
      /** @description Last four characters of the signing secret */
      secretHint: string;
      /** Format: date-time */
      updatedAt: string;
      url: string;
    };
    WebhookEventTypesDto: {
      items: (
        | 'employee.created'
        | 'employee.deactivated'
        | 'device.enrolled'
        | 'absence.approved'
        | 'timesheet.approved'
        | 'export.ready'
        | 'privacy.request.completed'
        | 'attendance.daily.ready'
      )[];
    };
    WebhookListDto: {
      items: components['schemas']['WebhookDto'][];
    };
    WebhookWithSecretDto: {
      active: boolean;
      /** Format: date-time */
      createdAt: string;
      description: string;
      events: (
        | 'employee.created'
        | 'employee.deactivated'
        | 'device.enrolled'
        | 'absence.approved'
        | 'timesheet.approved'
        | 'export.ready'
        | 'privacy.request.completed'
        | 'attendance.daily.ready'
      )[];
      /** Format: uuid */
      id: string;
      /** @description The signing secret (whsec_…). Shown only in this answer: store it in the receiver. */
      secret: string;
      /** @description Last four characters of the signing secret */
      secretHint: string;
      /** Format: date-time */
      updatedAt: string;
      url: string;
    };
    WorkScheduleDayDto: {
      /**
       * @description Later than start (night shifts are not supported yet).
       * @example 18:00
       */
      end: string;
      /** @example 09:00 */
      start: string;
      /**
       * @description ISO weekday: 1 = Monday.
       * @example 1
       */
      weekday: number;
    };
    WorkScheduleDto: {
      days: components['schemas']['WorkScheduleDayDto'][];
      /** @description The organization's default schedule. */
      default: boolean;
      /** Format: uuid */
      id: string;
      lateAfterMinutes: number;
      name: string;
    };
    WorkScheduleListDto: {
      items: components['schemas']['WorkScheduleDto'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  listAbsences: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page. */
        cursor?: string;
        /** @description Only this employee. */
        employeeId?: string;
        /** @description Absences ending on or after it. */
        from?: string;
        kind?: 'vacation' | 'sick' | 'other';
        /** @description Absences per page. */
        limit?: number;
        status?: 'requested' | 'approved' | 'rejected' | 'cancelled';
        /** @description Only this team’s employees. */
        teamId?: string;
        /** @description Absences starting on or before it. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AbsenceListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createAbsence: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAbsenceDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AbsenceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Filing for someone else without owner/admin/hr. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description absence-overlaps: a requested or approved absence of the employee shares a day with it. too-many-open-requests: 50 of the employee’s requests already wait for a decision. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveAbsence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AbsenceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Already rejected. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelAbsence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AbsenceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rejected, or approved and cancelled by its employee. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectAbsence: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AbsenceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Already approved. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAbsenceBalance: {
    parameters: {
      query?: {
        /** @description Default: the caller’s own employee record. */
        employeeId?: string;
        /** @description Default: the current year in the employee’s time zone. */
        year?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AbsenceBalanceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAgentConfig: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgentConfigDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Missing, unknown or revoked device token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDevices: {
    parameters: {
      query?: {
        employeeId?: string;
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
        status?: 'active' | 'revoked';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DevicePageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDevice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeviceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeDevice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeviceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAgentDownloads: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgentDownloadListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
    };
  };
  downloadAgent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        file: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  enrollDevice: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "enrollmentToken": "enr_Q3r7Tz9Lm2Wx5Kp8Vb1Nc4Hd6Jf0Gs",
         *       "employeeEmail": "grace@example.com",
         *       "hostname": "grace-laptop",
         *       "os": "Windows 11 23H2",
         *       "agentVersion": "1.4.2"
         *     }
         */
        'application/json': components['schemas']['EnrollDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "deviceId": "c2e4a6b8-0d1f-4a3c-9e5b-7d9f1b3d5e7a",
           *       "deviceToken": "dev_Xk4Pq8Rt2Yw6Zm0Lv3Nb7Hc1Jd5Fg9"
           *     }
           */
          'application/json': components['schemas']['EnrolledDeviceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
    };
  };
  listEnrollmentTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnrollmentTokenListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createEnrollmentToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /** @example {} */
        'application/json': components['schemas']['CreateEnrollmentTokenDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "e1f3a5c7-9d2b-4e6f-8a0c-4e6a8c0e2f4b",
           *       "token": "enr_Q3r7Tz9Lm2Wx5Kp8Vb1Nc4Hd6Jf0Gs",
           *       "expiresAt": "2026-03-09T08:10:00.000Z",
           *       "maxUses": null
           *     }
           */
          'application/json': components['schemas']['EnrollmentTokenCreatedDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeEnrollmentToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnrollmentTokenDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  ingestEvents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "events": [
         *         {
         *           "id": "a4c6e8f0-2b3d-4f5a-9c7e-1b3d5f7a9c0e",
         *           "kind": "active",
         *           "start": "2026-03-10T09:00:00+02:00",
         *           "end": "2026-03-10T09:25:00+02:00",
         *           "app": "firefox",
         *           "title": "Pull requests · acme/api",
         *           "url": "https://github.com/acme/api/pulls"
         *         },
         *         {
         *           "id": "b5d7f9a1-3c4e-4a6b-8d8f-2c4e6a8b0d1f",
         *           "kind": "idle",
         *           "start": "2026-03-10T09:25:00+02:00",
         *           "end": "2026-03-10T09:40:00+02:00"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['IngestEventsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "accepted": 2,
           *       "duplicates": 0,
           *       "revised": 0,
           *       "rejected": [],
           *       "truncated": 0,
           *       "sanitized": 0
           *     }
           */
          'application/json': components['schemas']['IngestResultDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Missing, unknown or revoked device token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description More than 5,000 events or 5 MB uncompressed. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  agentInstallScript: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
    };
  };
  reportInventory: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReportInventoryDto'];
      };
    };
    responses: {
      /** @description Recorded. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Missing, unknown or revoked device token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAgentNotice: {
    parameters: {
      query?: {
        language?: 'en' | 'ru' | 'uk';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgentNoticeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The organization has not published a notice. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  acknowledgeAgentNotice: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcknowledgeNoticeDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NoticeAcknowledgementDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description That version is not the current notice. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getScreenshotPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenshotPolicyDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  uploadScreenshot: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': components['schemas']['UploadScreenshotBodyDto'];
      };
    };
    responses: {
      /** @description Stored before (a re-send). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenshotUploadResultDto'];
        };
      };
      /** @description Stored. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenshotUploadResultDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description screenshots-disabled: not enabled for this employee; drop the image. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Over 5 MB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not a JPEG or WebP image. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteAgentScreenshot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such capture of this employee. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description delete-window-passed. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAllocationRules: {
    parameters: {
      query?: {
        teamId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AllocationRuleListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createAllocationRule: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAllocationRuleDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AllocationRuleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAllocationRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AllocationRuleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteAllocationRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateAllocationRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateAllocationRuleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AllocationRuleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApiTokens: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiTokenPageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createApiToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiTokenDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiTokenDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeApiToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiTokenDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApiTokenScopes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiTokenScopesDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAuditEntries: {
    parameters: {
      query?: {
        /** @description One action (`data.viewed`), or all under a prefix ending in a dot (`team.`). */
        action?: string;
        actorUserId?: string;
        /** @description Entries at or after this time. */
        from?: string;
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
        subjectEmployeeId?: string;
        /** @description Entries before this time. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  exportAuditEntries: {
    parameters: {
      query?: {
        /** @description One action (`data.viewed`), or all under a prefix ending in a dot (`team.`). */
        action?: string;
        actorUserId?: string;
        /** @description Entries at or after this time. */
        from?: string;
        /** @description Language of the header row, and its list separator (`;` for ru and uk) and date format. Default: the caller’s language, else the organization’s, else en. The `at` column stays an ISO 8601 instant either way. */
        lang?: 'en' | 'ru' | 'uk';
        subjectEmployeeId?: string;
        /** @description Entries before this time. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV, one entry per row, with a header row. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyAuditChain: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditVerificationDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  ldapLogin: {
    parameters: {
      query?: never;
      header?: {
        /** @description Where the refresh token goes, as for POST /auth/login. */
        'x-refresh-token-delivery'?: 'cookie' | 'body';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LdapLoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LoginResponseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Wrong login or password, or an MFA code is needed (`mfa-required`). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not in a group allowed to sign in (`directory-not-permitted`), or the organization is closed. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many failed sign-ins; see Retry-After. */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The directory cannot be reached (`directory-unavailable`). */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  login: {
    parameters: {
      query?: never;
      header?: {
        /** @description Where the refresh token goes: `cookie` (default; HttpOnly, for the console) or `body` (API and CLI clients). */
        'x-refresh-token-delivery'?: 'cookie' | 'body';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "ada@example.com",
         *       "password": "correct horse battery staple"
         *     }
         */
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1ZDFlOWMzYiJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg",
           *       "tokenType": "Bearer",
           *       "expiresIn": 900,
           *       "refreshToken": "rt_8Jq2mX4vN7pL1sK9dF3hG6bT0wZ5cY",
           *       "sessionId": "1a3c5e7f-9b2d-4f6a-8c0e-2d4f6a8c0e2b",
           *       "user": {
           *         "id": "5d1e9c3b-7a2f-4b6e-8c0d-1e3f5a7b9c2d",
           *         "organizationId": "0f8e2d6a-3c1b-4e5f-9a7d-2b4c6e8f1a3d",
           *         "email": "ada@example.com",
           *         "role": "owner",
           *         "status": "active",
           *         "firstName": "Ada",
           *         "lastName": "Lovelace",
           *         "fullName": "Ada Lovelace",
           *         "phone": null,
           *         "locale": "en",
           *         "employeeId": null,
           *         "createdAt": "2026-03-02T08:00:00.000Z"
           *       }
           *     }
           */
          'application/json': components['schemas']['LoginResponseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Wrong email or password. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Right password, but the organization is closed and only its owner may sign in (`organization-closed`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many failed logins for this email or address; see Retry-After. */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session of this token is revoked and the refresh cookie cleared. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  completeMfaSignIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MfaCompleteDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LoginResponseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Bad or expired ticket (`unauthorized`), missing or wrong code (`mfa-required`, `mfa-code-invalid`). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  passkeySignInOptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MfaTicketDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasskeyOptionsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Bad or expired ticket. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listOidcProviders: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicOidcProviderListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
    };
  };
  getOidcProvider: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization whose provider signs in. */
        organizationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicOidcProviderDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  oidcCallback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization whose provider signs in. */
        organizationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed in: the refresh cookie is set and the browser goes to the console. A second factor still needed: to /sign-in#mfaTicket=… */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description An error, as a problem document (API clients). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  startOidcSignIn: {
    parameters: {
      query?: {
        /** @description Console path to open after sign-in, e.g. /reports. */
        returnTo?: string;
      };
      header?: never;
      path: {
        /** @description The organization whose provider signs in. */
        organizationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Redirect to the provider's authorization endpoint. */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description An error, as a problem document. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  oidcLogout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OidcLogoutDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetRequestDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasswordResetAcceptedDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
    };
  };
  confirmPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetConfirmDto'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
    };
  };
  refreshToken: {
    parameters: {
      query?: never;
      header?: {
        /** @description Required (any value) when the refresh token comes from the cookie. */
        'x-csrf'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokensDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Unknown, used or revoked refresh token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The organization was closed; only its owner keeps a session (`organization-closed`), or a cookie-authenticated call without `X-CSRF` or from another origin (`csrf`). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSessions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked: its tokens answer 401 from now on. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeOtherSessions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every session but the current one is revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestSignInLink: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SignInLinkRequestDto'];
      };
    };
    responses: {
      /** @description Always the same answer: when the email belongs to an active account, a single-use link valid for 15 minutes is mailed to it. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignInLinkAcceptedDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Too many link requests from this address; see Retry-After. */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  consumeSignInLink: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SignInLinkConsumeDto'];
      };
    };
    responses: {
      /** @description Signed in, as by login. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LoginResponseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Invalid, expired or used link; or `mfa-required` (send mfaCode too) or `mfa-code-invalid` (the link is used up). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  signup: {
    parameters: {
      query?: never;
      header?: {
        /** @description Where the refresh token goes: `cookie` (default; HttpOnly, for the console) or `body` (API and CLI clients). */
        'x-refresh-token-delivery'?: 'cookie' | 'body';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "organizationName": "Acme Ltd",
         *       "fullName": "Ada Lovelace",
         *       "email": "ada@example.com",
         *       "password": "correct horse battery staple"
         *     }
         */
        'application/json': components['schemas']['SignupDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1ZDFlOWMzYiJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg",
           *       "tokenType": "Bearer",
           *       "expiresIn": 900,
           *       "refreshToken": "rt_8Jq2mX4vN7pL1sK9dF3hG6bT0wZ5cY",
           *       "sessionId": "1a3c5e7f-9b2d-4f6a-8c0e-2d4f6a8c0e2b",
           *       "user": {
           *         "id": "5d1e9c3b-7a2f-4b6e-8c0d-1e3f5a7b9c2d",
           *         "organizationId": "0f8e2d6a-3c1b-4e5f-9a7d-2b4c6e8f1a3d",
           *         "email": "ada@example.com",
           *         "role": "owner",
           *         "status": "active",
           *         "firstName": "Ada",
           *         "lastName": "Lovelace",
           *         "fullName": "Ada Lovelace",
           *         "phone": null,
           *         "locale": "en",
           *         "employeeId": null,
           *         "createdAt": "2026-03-02T08:00:00.000Z"
           *       },
           *       "organization": {
           *         "id": "0f8e2d6a-3c1b-4e5f-9a7d-2b4c6e8f1a3d",
           *         "name": "Acme Ltd"
           *       }
           *     }
           */
          'application/json': components['schemas']['SignupResponseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Sign-up is closed (an organization exists, ALLOW_SIGNUP is off). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A user with this email exists. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCards: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CardDto'][];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addCard: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddCardDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CardDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteCard: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listBillingContacts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BillingContactDto'][];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createBillingContact: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BillingContactInputDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BillingContactDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateBillingContact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BillingContactInputDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BillingContactDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteBillingContact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listInvoices: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvoiceListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  issueInvoice: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IssueInvoiceDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssueInvoicesResultDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getInvoice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvoiceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createCreditNote: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreditNoteDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvoiceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPayments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PaymentDto'][];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordPayment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordPaymentDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PaymentDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadInvoicePdf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getLicense: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LicenseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  uploadLicense: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UploadLicenseDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LicenseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSeatUsage: {
    parameters: {
      query: {
        /** @description YYYY-MM */
        period: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SeatUsageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSeats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SeatsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSeatHolders: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SeatHoldersDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateBillingSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateBillingSettingsDto'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listClients: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClientListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createClient: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateClientDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClientDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getClient: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClientDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteClient: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The client has projects: archive it instead. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateClient: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateClientDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClientDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDemoStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DemoStatusDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  loadDemo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoadDemoDto'];
      };
    };
    responses: {
      /** @description Loading runs as a job; poll GET /demo. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DemoStatusDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not offered here: a server without ALLOW_DEMO_DATA=true. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The organization has employees, or demo data already. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeDemo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removal runs as a job; poll GET /demo until state is none. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DemoStatusDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No demo data, or a load or removal is running. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDirectoryConfig: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description `configured: false` before any. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DirectoryConfigDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putDirectoryConfig: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutDirectoryConfigDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DirectoryConfigDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IT manages the settings by file (`directory-managed-by-environment`). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteDirectoryConfig: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed; linked users keep their accounts. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IT manages the settings by file. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDirectorySyncRuns: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SyncRunListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  runDirectorySync: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queued (or the run already queued or running). */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SyncRunDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No directory is configured. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDirectorySyncRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SyncRunDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  testDirectoryConnection: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TestConnectionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TestConnectionResultDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No directory is configured. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEmployees: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
        /** @description Part of the name or email. */
        search?: string;
        status?: 'active' | 'deactivated';
        teamId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmployeePageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createEmployee: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "fullName": "Grace Hopper",
         *       "email": "grace@example.com",
         *       "teamId": "3b9d7f1e-2c4a-4e6b-8d0f-6a8c0e2b4d6f",
         *       "timeZone": "Europe/Kyiv"
         *     }
         */
        'application/json': components['schemas']['CreateEmployeeDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "7a1c7f0e-5b8e-4a51-9d2f-3f0f1c2b9e44",
           *       "fullName": "Grace Hopper",
           *       "email": "grace@example.com",
           *       "teamId": "3b9d7f1e-2c4a-4e6b-8d0f-6a8c0e2b4d6f",
           *       "timeZone": "Europe/Kyiv",
           *       "workScheduleId": null,
           *       "status": "active",
           *       "createdAt": "2026-03-02T08:05:00.000Z",
           *       "updatedAt": "2026-03-02T08:05:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EmployeeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The team is not in this organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description An employee with this email exists in the organization. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getEmployee: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "7a1c7f0e-5b8e-4a51-9d2f-3f0f1c2b9e44",
           *       "fullName": "Grace Hopper",
           *       "email": "grace@example.com",
           *       "teamId": "3b9d7f1e-2c4a-4e6b-8d0f-6a8c0e2b4d6f",
           *       "timeZone": "Europe/Kyiv",
           *       "workScheduleId": null,
           *       "status": "active",
           *       "createdAt": "2026-03-02T08:05:00.000Z",
           *       "updatedAt": "2026-03-02T08:05:00.000Z"
           *     }
           */
          'application/json': components['schemas']['EmployeeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unknown, in another organization, or outside your scope. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteEmployee: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateEmployee: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateEmployeeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmployeeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  activateEmployee: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmployeeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deactivateEmployee: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmployeeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  importEmployees: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportEmployeesDto'];
      };
    };
    responses: {
      /** @description Per-row results; rows with errors are skipped, the rest imported together. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmployeeImportResultDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Employees or teams changed while importing. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description More than 5,000 rows, or a body over 2 MB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listExports: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExportListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createExport: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateExportDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExportDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getExport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExportDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadExport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The database (and Redis in server mode) answer. With read replicas, `details.replicas` gives each one's state (ok, lagging, down, starting) and lag in seconds; a replica never makes this 503. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description A dependency does not answer. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  listHolidays: {
    parameters: {
      query?: {
        year?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HolidayListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createHoliday: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateHolidayDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HolidayDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A holiday on this date exists. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteHoliday: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listHolidayCountries: {
    parameters: {
      query?: {
        language?: 'en' | 'ru' | 'uk';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HolidayCountryListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  importPublicHolidays: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportHolidaysDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportHolidaysResultDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listInvitations: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Invitations not yet accepted, withdrawn or expired. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationPageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateInvitationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedInvitationDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A user with this email exists. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  acceptInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptInvitationDto'];
      };
    };
    responses: {
      /** @description Password set; signed in. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LoginResponseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description Unknown token. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Expired, withdrawn or already accepted. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listFailedJobs: {
    parameters: {
      query?: {
        limit?: components['schemas']['Object'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FailedJobListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  retryFailedJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RetriedJobDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateProfileDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The email belongs to another user. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyDataViews: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataViewPageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMfaOverview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaOverviewDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  disableMfa: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MfaDisableDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaStatusDto'];
        };
      };
      /** @description Neither code nor password, or the one given is wrong. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description MFA is not enabled. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  enableMfa: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MfaCodeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaStatusDto'];
        };
      };
      /** @description The code is wrong. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Already enabled, or setup was not called. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPasskeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasskeyListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  registerPasskey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasskeyRegisterDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasskeyDto'];
        };
      };
      /** @description The attestation does not verify, or the challenge is unknown. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deletePasskey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  passkeyRegistrationOptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasskeyOptionsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  regenerateRecoveryCodes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecoveryCodesDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  setupMfa: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A pending seed; the secret is never shown again. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaSetupDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description MFA is already enabled. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  changePassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      /** @description Changed; every other session is signed out. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMyScreenshots: {
    parameters: {
      query: {
        /** @description nextCursor of the previous page. */
        cursor?: string;
        from: string;
        limit?: components['schemas']['Object'];
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenshotListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteMyScreenshot: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not mine or unknown. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description delete-window-passed. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMyScreenshotImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The image bytes. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not mine, unknown, or only a thumbnail is kept. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMyScreenshotThumbnail: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The thumbnail bytes. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not mine or unknown. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMailPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailPreferencesDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateMailPreferences: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMailPreferencesDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailPreferencesDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  showUnsubscribe: {
    parameters: {
      query: {
        /** @description The signed token from the link in the mail */
        token: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
    };
  };
  unsubscribe: {
    parameters: {
      query: {
        /** @description The signed token from the link in the mail */
        token: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
    };
  };
  getCurrentOrganization: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganizationDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateCurrentOrganization: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateOrganizationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganizationDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMfaPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaPolicyDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  setMfaPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MfaPolicyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaPolicyDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPayrollExport: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePayrollExportDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExportDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  payrollFields: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayrollFieldListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPayrollMapping: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayrollMappingDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putPayrollMapping: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PayrollMappingDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayrollMappingDto'];
        };
      };
      /** @description Unknown field, duplicate or blank header, too many columns. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  previewPayroll: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PayrollPreviewQueryDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayrollPreviewDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPeriods: {
    parameters: {
      query?: {
        /** @description The year whose twelve months to list; default: this year. */
        year?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PeriodListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  lockPeriod: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A calendar month, YYYY-MM. */
        month: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PeriodDto'];
        };
      };
      /** @description Not a month as YYYY-MM. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Already locked, or not over yet. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  unlockPeriod: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A calendar month, YYYY-MM. */
        month: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UnlockPeriodDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PeriodDto'];
        };
      };
      /** @description No reason, or not a month. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The month is not locked. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getLegalHold: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegalHoldResponseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  setLegalHold: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LegalHoldDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegalHoldResponseDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  clearLegalHold: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listNotices: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NoticeListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createNotice: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NoticeDraftDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NoticeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateNotice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NoticeDraftDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NoticeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Already published. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  publishNotice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PublishNoticeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NoticeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCurrentNotice: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NoticeDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No notice published yet. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listMissingNoticeAcknowledgements: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MissingAcknowledgementsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOrganizationClosure: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganizationClosureStatusDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  closeOrganization: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrganizationClosureDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  reopenOrganization: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  acceptPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptPolicyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyAcceptanceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCurrentPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CurrentPolicyDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No version in force yet. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPolicyVersions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyVersionListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  publishPolicyVersion: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PublishPolicyVersionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublishedPolicyVersionDto'];
        };
      };
      /** @description effectiveAt is less than 30 days after publication. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPrivacyRequests: {
    parameters: {
      query?: {
        employeeId?: string;
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
        status?: 'pending' | 'processing' | 'completed' | 'rejected';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrivacyRequestPageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPrivacyRequest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "type": "access",
         *       "employeeId": "7a1c7f0e-5b8e-4a51-9d2f-3f0f1c2b9e44"
         *     }
         */
        'application/json': components['schemas']['CreatePrivacyRequestDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "9e7c5a3b-1d2f-4b4d-8f6a-0c2e4a6b8d0f",
           *       "type": "access",
           *       "status": "pending",
           *       "dueAt": "2026-04-01T10:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['CreatedPrivacyRequestDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such employee in your scope. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPrivacyRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "9e7c5a3b-1d2f-4b4d-8f6a-0c2e4a6b8d0f",
           *       "type": "access",
           *       "status": "completed",
           *       "dueAt": "2026-04-01T10:00:00.000Z",
           *       "employeeId": "7a1c7f0e-5b8e-4a51-9d2f-3f0f1c2b9e44",
           *       "createdAt": "2026-03-02T10:00:00.000Z",
           *       "completedAt": "2026-03-02T10:01:12.000Z",
           *       "downloadUrl": "/api/v1/privacy/requests/9e7c5a3b-1d2f-4b4d-8f6a-0c2e4a6b8d0f/download",
           *       "downloadExpiresAt": "2026-03-09T10:01:12.000Z",
           *       "overdue": false
           *     }
           */
          'application/json': components['schemas']['PrivacyRequestDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  completePrivacyRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrivacyRequestDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadPrivacyRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description application/zip */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The link expired. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectPrivacyRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectPrivacyRequestDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrivacyRequestDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not pending. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRetentionSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RetentionSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateRetentionSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRetentionSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RetentionSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProductivityRules: {
    parameters: {
      query?: {
        kind?: 'app' | 'site';
        /** @description Only this team’s rules. */
        teamId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProductivityRuleListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createProductivityRule: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "kind": "site",
         *       "pattern": "github.com",
         *       "productivity": "productive"
         *     }
         */
        'application/json': components['schemas']['CreateProductivityRuleDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "d3f5b7d9-1e2a-4c4e-8a6c-8e0a2c4e6a8b",
           *       "kind": "site",
           *       "pattern": "github.com",
           *       "productivity": "productive",
           *       "teamId": null,
           *       "createdAt": "2026-03-02T08:20:00.000Z",
           *       "updatedAt": "2026-03-02T08:20:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ProductivityRuleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProductivityRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProductivityRuleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteProductivityRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateProductivityRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateProductivityRuleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProductivityRuleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProjectSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateProjectSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateProjectSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEmployeeRates: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmployeeRateListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  setEmployeeRate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetEmployeeRateDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmployeeRateDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createAllocations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAllocationOverridesDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AllocationOverrideListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteAllocation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProjectDay: {
    parameters: {
      query: {
        day: string;
        /** @description Someone else’s day (in the caller’s scope). */
        employeeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DayAllocationDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProjects: {
    parameters: {
      query?: {
        /** @description Include archived projects. */
        archived?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createProject: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateProjectDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteProject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Time was booked: archive it instead. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateProject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateProjectDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProjectMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addProjectMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMemberDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeProjectMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        memberId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProjectTasks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createProjectTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTaskDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteProjectTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        taskId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Time was booked: archive it instead. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateProjectTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        taskId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTaskDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listReportSubscriptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportSubscriptionListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createReportSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateReportSubscriptionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportSubscriptionDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteReportSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReportAttendance: {
    parameters: {
      query: {
        /** @description nextCursor of the previous page. */
        cursor?: string;
        /** @description Only this employee. */
        employeeId?: string;
        /** @description First local day (inclusive), YYYY-MM-DD. */
        from: string;
        /** @description Rows per page. */
        limit?: number;
        /** @description Only this team’s employees. */
        teamId?: string;
        /** @description Last local day (inclusive); at most 366 days after from. */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AttendanceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReportAttendanceTotals: {
    parameters: {
      query: {
        /** @description nextCursor of the previous page. */
        cursor?: string;
        /** @description Only this employee. */
        employeeId?: string;
        /** @description First local day (inclusive), YYYY-MM-DD. */
        from: string;
        /** @description Employees per page. */
        limit?: number;
        /** @description Only this team’s employees. */
        teamId?: string;
        /** @description Last local day (inclusive); at most 366 days after from. */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AttendanceTotalsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProjectReport: {
    parameters: {
      query: {
        employeeId?: string;
        from: string;
        groupBy?: 'client' | 'project' | 'task' | 'employee';
        projectId?: string;
        teamId?: string;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProjectReportDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReportSummary: {
    parameters: {
      query: {
        /** @description First day (inclusive), YYYY-MM-DD, in each employee’s zone. */
        from: string;
        /** @description Only this team’s employees. */
        teamId?: string;
        /** @description Last day (inclusive); at most 366 days after from. */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "from": "2026-03-09",
           *       "to": "2026-03-13",
           *       "rows": [
           *         {
           *           "employeeId": "7a1c7f0e-5b8e-4a51-9d2f-3f0f1c2b9e44",
           *           "fullName": "Grace Hopper",
           *           "activeSeconds": 122400,
           *           "idleSeconds": 9000,
           *           "productiveSeconds": 90000,
           *           "neutralSeconds": 25200,
           *           "unproductiveSeconds": 7200,
           *           "firstActivityAt": "2026-03-09T08:58:12.000+02:00",
           *           "lastActivityAt": "2026-03-13T17:31:40.000+02:00"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['SummaryDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReportTeams: {
    parameters: {
      query: {
        /** @description First day (inclusive), YYYY-MM-DD, in each employee’s zone. */
        from: string;
        /** @description Last day (inclusive); at most 366 days after from. */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamComparisonDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReportTimeline: {
    parameters: {
      query: {
        /** @description A local day of the employee, YYYY-MM-DD. */
        day: string;
        employeeId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimelineDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReportTrend: {
    parameters: {
      query: {
        /** @description Only this employee. */
        employeeId?: string;
        /** @description First day (inclusive), YYYY-MM-DD, in each employee’s zone. */
        from: string;
        /** @description Only this team’s employees. */
        teamId?: string;
        /** @description Last day (inclusive); at most 366 days after from. */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrendDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReportUsage: {
    parameters: {
      query: {
        employeeId?: string;
        /** @description First day (inclusive), YYYY-MM-DD, in each employee’s zone. */
        from: string;
        teamId?: string;
        /** @description Last day (inclusive); at most 366 days after from. */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "from": "2026-03-09",
           *       "to": "2026-03-13",
           *       "rows": [
           *         {
           *           "kind": "site",
           *           "name": "github.com",
           *           "seconds": 54000,
           *           "productivity": "productive"
           *         },
           *         {
           *           "kind": "app",
           *           "name": "Slack",
           *           "seconds": 14400,
           *           "productivity": "neutral"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['UsageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listScreenshots: {
    parameters: {
      query: {
        /** @description nextCursor of the previous page. */
        cursor?: string;
        employeeId: string;
        from: string;
        limit?: components['schemas']['Object'];
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenshotListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Employees use /me/screenshots. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Employee not found or outside the caller’s teams. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getScreenshotImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The image bytes. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unknown, out of scope, or only a thumbnail is kept. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getScreenshotThumbnail: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The thumbnail bytes. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unknown or out of scope. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDataCollectionSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataCollectionSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateDataCollectionSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateDataCollectionSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataCollectionSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMailSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description `configured: false` before any. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putMailSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutMailSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MailSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteMailSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Mail goes through the installation’s server again. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  sendTestMail: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TestMailDto'];
      };
    };
    responses: {
      /** @description Also when the server refused: `delivered: false` with its answer. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TestMailResultDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getScreenshotSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenshotSettingsOverviewDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateScreenshotSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateScreenshotSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenshotSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description notice-does-not-cover-screenshots: publish a notice version that covers them first. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateTeamScreenshotSettings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        teamId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateScreenshotSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenshotSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such team. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description notice-does-not-cover-screenshots. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteTeamScreenshotSettings: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        teamId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such team, or it has no settings of its own. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOidcSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OidcProviderDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No provider is configured. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  saveOidcSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OidcProviderInputDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OidcProviderDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The provider is set by the environment. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteOidcSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  testOidcDiscovery: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DiscoveryTestDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DiscoveryResultDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTeams: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
        /** @description Part of the name. */
        search?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A manager sees the teams they manage. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamPageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createTeam: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Support"
         *     }
         */
        'application/json': components['schemas']['CreateTeamDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3b9d7f1e-2c4a-4e6b-8d0f-6a8c0e2b4d6f",
           *       "name": "Support",
           *       "managerUserIds": [],
           *       "workScheduleId": null,
           *       "createdAt": "2026-03-02T08:04:00.000Z"
           *     }
           */
          'application/json': components['schemas']['TeamDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A team with this name exists. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTeam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteTeam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted; its employees stay, without a team. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateTeam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTeamDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  setTeamManagers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetTeamManagersDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The team or one of the users is not in this organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTimeEntries: {
    parameters: {
      query: {
        /** @description Default: the caller’s own employee. */
        employeeId?: string;
        /** @description First local day, inclusive. */
        from: string;
        status?: 'pending' | 'approved' | 'rejected';
        /** @description Last local day, inclusive (≤ 62 days). */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimeEntryListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createTimeEntry: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTimeEntryDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimeEntryDto'];
        };
      };
      /** @description end not after start, longer than a day, in the future, note too long. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Employee or project not found (or in another organization). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description overlaps-tracked-time: the agent tracked active time in it. time-entry-overlaps: another pending or approved entry of the employee overlaps it. timesheet-not-open: its timesheet is submitted or approved. A locked period also answers 409. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteTimeEntry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Its timesheet is submitted or approved, or its period is locked. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateTimeEntry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTimeEntryDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimeEntryDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description overlaps-tracked-time: the agent tracked active time in it. time-entry-overlaps: another pending or approved entry of the employee overlaps it. timesheet-not-open: its timesheet is submitted or approved. A locked period also answers 409. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveTimeEntry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecisionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimeEntryDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Already rejected. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectTimeEntry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecisionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimeEntryDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Already approved. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTimesheet: {
    parameters: {
      query?: {
        /** @description Any day of the period (week or month); default the employee’s today. */
        day?: string;
        /** @description Default: the caller’s own employee. */
        employeeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimesheetDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approveTimesheet: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecisionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimesheetDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not submitted (sent back or still open), or period locked. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  returnTimesheet: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReturnTimesheetDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimesheetDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not submitted (already approved), or period locked. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getApprovalInbox: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApprovalInboxDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Employees have no inbox. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTimesheetSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimesheetSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateTimesheetSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTimesheetSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimesheetSettingsDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  submitTimesheet: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitTimesheetDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimesheetDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The login is not linked to an employee. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Already submitted or approved; or the period is locked. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listUsers: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
        role?: 'owner' | 'admin' | 'hr' | 'manager' | 'employee';
        /** @description Part of the name or email. */
        search?: string;
        status?: 'invited' | 'active' | 'deactivated';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Own role, or an owner change by a non-owner. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  activateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deactivateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deactivated; the user's tokens answer 401 at once. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeUserSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every session of the user is revoked; their tokens answer 401. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getVacationPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VacationPolicyDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateVacationPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateVacationPolicyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VacationPolicyDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listVacationAllowances: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VacationAllowanceListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getVacationAllowance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VacationAllowanceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateVacationAllowance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateVacationAllowanceDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VacationAllowanceDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebhookDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecretDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateWebhookDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        page?: components['schemas']['Object'];
        pageSize?: components['schemas']['Object'];
        status?: 'pending' | 'succeeded' | 'failed';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryPageDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        deliveryId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryDetailDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  retryWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        deliveryId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryDetailDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecretDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  sendWebhookTest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or belonging to another organization. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookEventTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEventTypesDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWorkSchedules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkScheduleListDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWorkSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWorkScheduleDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkScheduleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWorkSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkScheduleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWorkSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The schedule is assigned to an employee or a team. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateWorkSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateWorkScheduleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkScheduleDto'];
        };
      };
      /** @description Malformed or invalid input; validation failures list each field under `errors`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ValidationProblem'];
        };
      };
      /** @description No, expired or revoked bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authenticated, but the role lacks the permission this operation needs. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
