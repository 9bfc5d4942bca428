import { Injectable } from '@nestjs/common';

export interface Recipient {
  id: string;
  organizationId: string;
  email: string;
  locale: string | null;
  status: string;
}

export interface OrganizationInfo {
  id: string;
  name: string;
  locale: string;
  defaultTimeZone: string;
}

/** Who mail is addressed to; the accounts module, which owns users and organizations, answers. */
export interface MailDirectorySource {
  user(organizationId: string, userId: string): Promise<Recipient | null>;
  /** For signed links, which carry the user id only. */
  userById(id: string): Promise<Recipient | null>;
  organization(id: string): Promise<OrganizationInfo | null>;
}

/**
 * The port through which mail finds its recipients without the notifications module reading
 * another module's tables: the accounts module provides the source when it starts.
 */
@Injectable()
export class MailDirectory implements MailDirectorySource {
  private source: MailDirectorySource | null = null;

  provide(source: MailDirectorySource): void {
    this.source = source;
  }

  user(organizationId: string, userId: string): Promise<Recipient | null> {
    return this.answering().user(organizationId, userId);
  }

  userById(id: string): Promise<Recipient | null> {
    return this.answering().userById(id);
  }

  organization(id: string): Promise<OrganizationInfo | null> {
    return this.answering().organization(id);
  }

  private answering(): MailDirectorySource {
    if (!this.source) throw new Error('No mail directory: the accounts module provides it.');
    return this.source;
  }
}
