import { Client, type Entry, InvalidCredentialsError } from 'ldapts';
import type { DirectorySettingsSchema } from '#src/config/directory-settings.js';
import {
  bindNameFor,
  groupsOfMemberFilter,
  normalizeDn,
  parseFilter,
  userByLoginFilter,
} from './ldap-filters.js';

export type DirectorySettings = DirectorySettingsSchema;

/** A person as the directory describes them. */
export interface DirectoryPerson {
  dn: string;
  /**
   * What identifies the person for good: entryUUID (OpenLDAP), objectGUID (Active Directory), or
   * the DN when the server has neither. A login or DN change keeps the link.
   */
  key: string;
  login: string;
  email: string | null;
  firstName: string;
  lastName: string;
  /** Group DNs, normalized. */
  groups: string[];
}

export interface DirectoryGroup {
  dn: string;
  name: string;
  members: string[];
}

/** The directory refused or could not be reached; `code` is safe to show to an admin. */
export class DirectoryUnavailableError extends Error {
  constructor(
    readonly code: 'connection' | 'tls' | 'service-bind' | 'search',
    message: string,
  ) {
    super(message);
    this.name = 'DirectoryUnavailableError';
  }
}

const TIMEOUT_MS = 10_000;
const SYNC_PAGE_SIZE = 500;

function first(entry: Entry, attribute: string): string | null {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  if (!key) return null;
  const value = entry[key];
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return null;
  return Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
}

function all(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  if (!key) return [];
  const value = entry[key];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
}

function describeConnectionError(error: unknown): DirectoryUnavailableError {
  const e = error as NodeJS.ErrnoException & { message?: string };
  const text = `${e.code ?? ''} ${e.message ?? ''}`;
  if (/CERT|SSL|TLS|self[- ]signed|certificate/i.test(text)) {
    return new DirectoryUnavailableError('tls', `TLS failed: ${e.code ?? e.message ?? 'error'}`);
  }
  return new DirectoryUnavailableError(
    'connection',
    `Cannot reach the directory: ${e.code ?? e.message ?? 'error'}`,
  );
}

/**
 * One conversation with the directory: connect (TLS as configured), bind, search. Every method
 * closes its connection; passwords go to the server only and are never logged or kept.
 */
export class LdapDirectory {
  constructor(
    private readonly settings: DirectorySettings,
    private readonly bindPassword: string | null,
  ) {}

  private async open(): Promise<Client> {
    const s = this.settings;
    const tlsOptions = {
      ...(s.tlsCaPem ? { ca: [s.tlsCaPem] } : {}),
      minVersion: 'TLSv1.2' as const,
    };
    const client = new Client({
      url: s.url,
      timeout: TIMEOUT_MS,
      connectTimeout: TIMEOUT_MS,
      // ldapts speaks TLS from the first byte whenever tlsOptions are given: ldaps:// only.
      ...(/^ldaps:/i.test(s.url) ? { tlsOptions } : {}),
      strictDN: false,
    });
    if (s.startTls) {
      try {
        await client.startTLS(tlsOptions);
      } catch (error) {
        await client.unbind().catch(() => undefined);
        throw describeConnectionError(error);
      }
    }
    return client;
  }

  private async serviceClient(): Promise<Client> {
    if (!this.settings.bindDn) {
      throw new DirectoryUnavailableError(
        'service-bind',
        'No service account (bindDn) is configured; the sync and user search need one.',
      );
    }
    const client = await this.open();
    try {
      await client.bind(this.settings.bindDn, this.bindPassword ?? '');
    } catch (error) {
      await client.unbind().catch(() => undefined);
      if (error instanceof InvalidCredentialsError) {
        throw new DirectoryUnavailableError(
          'service-bind',
          'The service account was refused (invalid credentials).',
        );
      }
      if (isResultCodeError(error)) {
        throw new DirectoryUnavailableError(
          'service-bind',
          `The service account bind failed: ${(error as Error).message}`,
        );
      }
      throw describeConnectionError(error);
    }
    return client;
  }

  private async withClient<T>(
    open: () => Promise<Client>,
    use: (c: Client) => Promise<T>,
  ): Promise<T> {
    const client = await open();
    try {
      return await use(client);
    } catch (error) {
      if (error instanceof DirectoryUnavailableError) throw error;
      if (isResultCodeError(error)) {
        throw new DirectoryUnavailableError(
          'search',
          `The directory refused a search: ${(error as Error).message}`,
        );
      }
      throw describeConnectionError(error);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  private get attributes(): string[] {
    const s = this.settings;
    return [
      s.loginAttribute,
      s.emailAttribute,
      s.firstNameAttribute,
      s.lastNameAttribute,
      'entryUUID',
      'objectGUID',
    ];
  }

  private toPerson(entry: Entry, groups: string[]): DirectoryPerson | null {
    const s = this.settings;
    const login = first(entry, s.loginAttribute);
    if (!login) return null;
    const email = first(entry, s.emailAttribute);
    const guid = entry.objectGUID;
    const key =
      first(entry, 'entryUUID')?.toLowerCase() ??
      (Buffer.isBuffer(guid) ? `guid:${guid.toString('hex')}` : null) ??
      `dn:${normalizeDn(entry.dn)}`;
    return {
      dn: entry.dn,
      key: key.slice(0, 255),
      login,
      email: email ? email.trim().toLowerCase() : null,
      firstName: (first(entry, s.firstNameAttribute) ?? login).slice(0, 100),
      lastName: (first(entry, s.lastNameAttribute) ?? '').slice(0, 100),
      groups,
    };
  }

  private async findEntry(client: Client, login: string): Promise<Entry | 'none' | 'many'> {
    const s = this.settings;
    const { searchEntries } = await client.search(s.baseDn, {
      scope: 'sub',
      filter: userByLoginFilter(s.userFilter, s.loginAttribute, login),
      attributes: this.attributes,
      explicitBufferAttributes: ['objectGUID'],
      sizeLimit: 2,
    });
    if (searchEntries.length === 0) return 'none';
    if (searchEntries.length > 1) return 'many';
    return searchEntries[0];
  }

  private async groupsOf(client: Client, dn: string): Promise<string[]> {
    const s = this.settings;
    const { searchEntries } = await client.search(s.groupBaseDn ?? s.baseDn, {
      scope: 'sub',
      filter: groupsOfMemberFilter(s.groupFilter, s.groupMemberAttribute, dn),
      attributes: ['dn'],
    });
    return searchEntries.map((g) => normalizeDn(g.dn));
  }

  /**
   * Checks a login and password. Null: unknown login, wrong password, or an ambiguous login.
   * An empty password is refused here, before any bind (an LDAP "unauthenticated bind" succeeds).
   */
  async authenticate(login: string, password: string): Promise<DirectoryPerson | null> {
    if (password.length === 0 || login.length === 0) return null;
    const s = this.settings;
    if (s.bindMode === 'direct') {
      const name = bindNameFor(s.bindDnTemplate ?? '', login);
      if (!name) return null;
      return this.withClient(
        () => this.open(),
        async (client) => {
          if (!(await bindAs(client, name, password))) return null;
          const entry = await this.findEntry(client, login);
          if (typeof entry === 'string') return null;
          return this.toPerson(entry, await this.groupsOf(client, entry.dn));
        },
      );
    }
    return this.withClient(
      () => this.serviceClient(),
      async (client) => {
        const entry = await this.findEntry(client, login);
        if (typeof entry === 'string') return null;
        const groups = await this.groupsOf(client, entry.dn);
        // The user's bind on a connection of its own: the service connection stays the service's.
        const ok = await this.withClient(
          () => this.open(),
          (userClient) => bindAs(userClient, entry.dn, password),
        );
        return ok ? this.toPerson(entry, groups) : null;
      },
    );
  }

  /** Every group under the group base, with its member DNs (normalized). */
  async listGroups(client?: Client): Promise<DirectoryGroup[]> {
    const run = async (c: Client) => {
      const s = this.settings;
      const { searchEntries } = await c.search(s.groupBaseDn ?? s.baseDn, {
        scope: 'sub',
        filter: parseFilter(s.groupFilter),
        attributes: ['cn', s.groupMemberAttribute],
        paged: { pageSize: SYNC_PAGE_SIZE },
      });
      return searchEntries.map((g) => ({
        dn: normalizeDn(g.dn),
        name: first(g, 'cn') ?? g.dn,
        members: all(g, s.groupMemberAttribute).map(normalizeDn),
      }));
    };
    return client ? run(client) : this.withClient(() => this.serviceClient(), run);
  }

  /** Everyone the user filter matches, with their groups: what the sync works from. */
  async listPeople(): Promise<{
    people: DirectoryPerson[];
    groups: DirectoryGroup[];
    skipped: string[];
  }> {
    return this.withClient(
      () => this.serviceClient(),
      async (client) => {
        const s = this.settings;
        const groups = await this.listGroups(client);
        const memberOf = new Map<string, string[]>();
        for (const g of groups) {
          for (const m of g.members) memberOf.set(m, [...(memberOf.get(m) ?? []), g.dn]);
        }
        const { searchEntries } = await client.search(s.baseDn, {
          scope: 'sub',
          filter: parseFilter(s.userFilter),
          attributes: this.attributes,
          explicitBufferAttributes: ['objectGUID'],
          paged: { pageSize: SYNC_PAGE_SIZE },
        });
        const people: DirectoryPerson[] = [];
        const skipped: string[] = [];
        for (const entry of searchEntries) {
          const person = this.toPerson(entry, memberOf.get(normalizeDn(entry.dn)) ?? []);
          if (person) people.push(person);
          else skipped.push(entry.dn);
        }
        return { people, groups, skipped };
      },
    );
  }

  /** For "test connection": binds (service account, or the given user for direct bind) and looks. */
  async probe(testLogin?: { login: string; password: string }): Promise<{
    userCount: number;
    sampleUsers: DirectoryPerson[];
    groups: DirectoryGroup[];
    testUser: DirectoryPerson | null | undefined;
  }> {
    const testUser = testLogin
      ? await this.authenticate(testLogin.login, testLogin.password)
      : undefined;
    if (!this.settings.bindDn) {
      return {
        userCount: testUser ? 1 : 0,
        sampleUsers: testUser ? [testUser] : [],
        groups: [],
        testUser,
      };
    }
    const { people, groups } = await this.listPeople();
    return { userCount: people.length, sampleUsers: people.slice(0, 5), groups, testUser };
  }
}

function isResultCodeError(error: unknown): boolean {
  return typeof (error as { code?: unknown }).code === 'number';
}

async function bindAs(client: Client, name: string, password: string): Promise<boolean> {
  try {
    await client.bind(name, password);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError || isResultCodeError(error)) return false;
    throw describeConnectionError(error);
  }
}
