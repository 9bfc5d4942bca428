// A private OpenLDAP server (Debian's slapd) for tests: its own slapd.conf, mdb database and
// self-signed certificate in a temporary directory, on free ports for ldap:// (with StartTLS) and
// ldaps://. Real binds and searches; nothing is mocked.
//
// The AD-like shape: OpenLDAP has no sAMAccountName or userPrincipalName, so a small schema
// (ad-lite.schema below) declares both with Active Directory's own OIDs, as case-insensitive
// strings, and an auxiliary class `calltimexAdUser` that lets inetOrgPerson entries carry them.
// Groups are groupOfNames with `member` DNs, which is how AD's `group` lists members as well.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';

export const SLAPD = process.env.SLAPD_PATH ?? '/usr/sbin/slapd';
const SLAPADD = process.env.SLAPADD_PATH ?? '/usr/sbin/slapadd';
const SCHEMA_DIR = process.env.LDAP_SCHEMA_DIR ?? '/etc/ldap/schema';
const MODULE_DIR = process.env.LDAP_MODULE_DIR ?? '/usr/lib/ldap';

export interface LdapTestUser {
  uid: string;
  password: string;
  givenName: string;
  sn: string;
  mail?: string;
  /** Written as sAMAccountName (AD's pre-Windows 2000 logon name); default uid. */
  sAMAccountName?: string;
  /** Default `${uid}@corp.example.test`. */
  userPrincipalName?: string;
}

export interface LdapTestGroup {
  cn: string;
  members: string[];
}

export interface LdapTestDirectory {
  suffix: string;
  users: LdapTestUser[];
  groups: LdapTestGroup[];
}

export interface LdapTestServer {
  url: string;
  ldapsUrl: string;
  /** PEM of the server's self-signed certificate (its own CA). */
  caPem: string;
  suffix: string;
  peopleDn: string;
  groupsDn: string;
  adminDn: string;
  adminPassword: string;
  serviceDn: string;
  servicePassword: string;
  userDn(uid: string): string;
  groupDn(cn: string): string;
  addUser(user: LdapTestUser): Promise<void>;
  setGroupMembers(cn: string, uids: string[]): Promise<void>;
  modifyUser(uid: string, attribute: string, value: string): Promise<void>;
  stop(): Promise<void>;
}

const AD_LITE_SCHEMA = `attributetype ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.656 NAME 'userPrincipalName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.1.1 NAME 'calltimexAdUser' SUP top AUXILIARY
  MAY ( sAMAccountName $ userPrincipalName ) )
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function userLdif(suffix: string, u: LdapTestUser): string {
  const lines = [
    `dn: uid=${u.uid},ou=people,${suffix}`,
    'objectClass: inetOrgPerson',
    'objectClass: calltimexAdUser',
    `uid: ${u.uid}`,
    `cn: ${u.givenName} ${u.sn}`,
    `givenName: ${u.givenName}`,
    `sn: ${u.sn}`,
    `sAMAccountName: ${u.sAMAccountName ?? u.uid}`,
    `userPrincipalName: ${u.userPrincipalName ?? `${u.uid}@corp.example.test`}`,
    `userPassword: ${u.password}`,
  ];
  if (u.mail) lines.push(`mail: ${u.mail}`);
  return lines.join('\n');
}

function directoryLdif(d: LdapTestDirectory, servicePassword: string): string {
  const s = d.suffix;
  const dc = /^dc=([^,]+)/.exec(s)?.[1] ?? 'example';
  const entries = [
    `dn: ${s}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: ${dc}`,
    `dn: ou=people,${s}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${s}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ou=services,${s}\nobjectClass: organizationalUnit\nou: services`,
    `dn: cn=calltimex,ou=services,${s}\nobjectClass: applicationProcess\nobjectClass: simpleSecurityObject\ncn: calltimex\nuserPassword: ${servicePassword}`,
    ...d.users.map((u) => userLdif(s, u)),
    ...d.groups.map((g) =>
      [
        `dn: cn=${g.cn},ou=groups,${s}`,
        'objectClass: groupOfNames',
        `cn: ${g.cn}`,
        // groupOfNames needs one member; an empty group holds the service account.
        ...(g.members.length > 0
          ? g.members.map((m) => `member: uid=${m},ou=people,${s}`)
          : [`member: cn=calltimex,ou=services,${s}`]),
      ].join('\n'),
    ),
  ];
  return `${entries.join('\n\n')}\n`;
}

async function waitForBind(
  url: string,
  dn: string,
  password: string,
  deadline: number,
): Promise<void> {
  for (;;) {
    const client = new Client({ url, connectTimeout: 1000, timeout: 1000 });
    try {
      await client.bind(dn, password);
      await client.unbind();
      return;
    } catch (error) {
      await client.unbind().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`slapd did not answer at ${url}: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Starts slapd with the given directory; call stop() in afterAll. */
export async function startLdapServer(directory: LdapTestDirectory): Promise<LdapTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-slapd-'));
  const dbDir = join(dir, 'db');
  mkdirSync(dbDir);
  const suffix = directory.suffix;
  const adminDn = `cn=admin,${suffix}`;
  const adminPassword = 'admin-secret-for-tests';
  const servicePassword = 'service-secret-for-tests';
  writeFileSync(join(dir, 'ad-lite.schema'), AD_LITE_SCHEMA);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  writeFileSync(
    join(dir, 'slapd.conf'),
    [
      `include ${SCHEMA_DIR}/core.schema`,
      `include ${SCHEMA_DIR}/cosine.schema`,
      `include ${SCHEMA_DIR}/inetorgperson.schema`,
      `include ${join(dir, 'ad-lite.schema')}`,
      `modulepath ${MODULE_DIR}`,
      'moduleload back_mdb',
      `pidfile ${join(dir, 'slapd.pid')}`,
      `TLSCertificateFile ${join(dir, 'cert.pem')}`,
      `TLSCertificateKeyFile ${join(dir, 'key.pem')}`,
      'database mdb',
      `suffix "${suffix}"`,
      `rootdn "${adminDn}"`,
      `rootpw ${adminPassword}`,
      `directory ${dbDir}`,
      'maxsize 10485760',
      'access to attrs=userPassword by self =xx by anonymous auth by * none',
      'access to * by users read by * none',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'directory.ldif'), directoryLdif(directory, servicePassword));
  execFileSync(SLAPADD, ['-f', join(dir, 'slapd.conf'), '-l', join(dir, 'directory.ldif')], {
    stdio: 'pipe',
  });

  const port = await freePort();
  const tlsPort = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${tlsPort}`;
  // -d 0: stay in the foreground (a child we can stop), log nothing.
  const child: ChildProcess = spawn(
    SLAPD,
    ['-f', join(dir, 'slapd.conf'), '-h', `${url}/ ${ldapsUrl}/`, '-d', '0'],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitForBind(url, adminDn, adminPassword, Date.now() + 15_000);
  } catch (error) {
    if (!exited) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const admin = async <T>(use: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ url });
    try {
      await client.bind(adminDn, adminPassword);
      return await use(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  };
  const userDn = (uid: string) => `uid=${uid},ou=people,${suffix}`;
  const groupDn = (cn: string) => `cn=${cn},ou=groups,${suffix}`;
  const serviceDn = `cn=calltimex,ou=services,${suffix}`;

  return {
    url,
    ldapsUrl,
    caPem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    suffix,
    peopleDn: `ou=people,${suffix}`,
    groupsDn: `ou=groups,${suffix}`,
    adminDn,
    adminPassword,
    serviceDn,
    servicePassword,
    userDn,
    groupDn,
    addUser: (u) =>
      admin(async (c) => {
        const attributes: Record<string, string | string[]> = {
          objectClass: ['inetOrgPerson', 'calltimexAdUser'],
          uid: u.uid,
          cn: `${u.givenName} ${u.sn}`,
          givenName: u.givenName,
          sn: u.sn,
          sAMAccountName: u.sAMAccountName ?? u.uid,
          userPrincipalName: u.userPrincipalName ?? `${u.uid}@corp.example.test`,
          userPassword: u.password,
        };
        if (u.mail) attributes.mail = u.mail;
        await c.add(userDn(u.uid), attributes);
      }),
    setGroupMembers: (cn, uids) =>
      admin(async (c) => {
        const { Attribute, Change } = await import('ldapts');
        const values = uids.length > 0 ? uids.map(userDn) : [serviceDn];
        await c.modify(
          groupDn(cn),
          new Change({
            operation: 'replace',
            modification: new Attribute({ type: 'member', values }),
          }),
        );
      }),
    modifyUser: (uid, attribute, value) =>
      admin(async (c) => {
        const { Attribute, Change } = await import('ldapts');
        await c.modify(
          userDn(uid),
          new Change({
            operation: 'replace',
            modification: new Attribute({ type: attribute, values: [value] }),
          }),
        );
      }),
    stop: async () => {
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
