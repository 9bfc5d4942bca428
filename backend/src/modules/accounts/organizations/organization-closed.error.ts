import { DomainError } from '#src/common/errors/domain-error.js';

/** A closed organization in its grace period: only its owner may sign in, agents are refused. */
export class OrganizationClosedError extends DomainError {
  constructor(purgeAt: Date, who: 'user' | 'device') {
    const until = purgeAt.toISOString();
    super(
      403,
      'organization-closed',
      'Organization closed',
      who === 'user'
        ? `This organization was closed; all its data will be deleted on ${until}. Only its owner can still sign in, to reopen it.`
        : `This organization was closed and no longer accepts activity; all its data will be deleted on ${until}.`,
      { purgeAt: until },
    );
  }
}
