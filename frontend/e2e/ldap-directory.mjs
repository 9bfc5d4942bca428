// A private OpenLDAP server (Debian's slapd) for the Chromium journey, as its own process (the
// e2e project runs as CommonJS; the backend's support file is ESM TypeScript). Ported from
// backend/test/support/ldap-server.ts: its own slapd.conf, mdb database and AD-like schema in a
// temporary directory, on a free port; plain ldap:// only. Prints its URL and DNs as one JSON line
// on stdout when slapd answers a bind; SIGTERM (or SIGINT, or the end of a piped stdin) stops
// slapd and removes the directory.
// argv: <backend dir> <json: { suffix, users: [{ uid, password, givenName, sn, mail? }],
//                               groups: [{ cn, members: [uid] }] }>
import { execFileSync, spawn } from 'node:child_process';
import { fstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SLAPD = process.env.SLAPD_PATH ?? '/usr/sbin/slapd';
const SLAPADD = process.env.SLAPADD_PATH ?? '/usr/sbin/slapadd';
const SCHEMA_DIR = process.env.LDAP_SCHEMA_DIR ?? '/etc/ldap/schema';
const MODULE_DIR = process.env.LDAP_MODULE_DIR ?? '/usr/lib/ldap';

const [backendDir, json] = process.argv.slice(2);
const directory = JSON.parse(json);
const { Client } = await import(
  pathToFileURL(createRequire(join(backendDir, 'package.json')).resolve('ldapts')).href
);

const AD_LITE_SCHEMA = `attributetype ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.656 NAME 'userPrincipalName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.1.1 NAME 'calltimexAdUser' SUP top AUXILIARY
  MAY ( sAMAccountName $ userPrincipalName ) )
`;

const suffix = directory.suffix;
const adminDn = `cn=admin,${suffix}`;
const adminPassword = 'admin-secret-for-e2e';
const serviceDn = `cn=calltimex,ou=services,${suffix}`;
const servicePassword = 'service-secret-for-e2e';
const userDn = (uid) => `uid=${uid},ou=people,${suffix}`;
const groupDn = (cn) => `cn=${cn},ou=groups,${suffix}`;

function userLdif(u) {
  const lines = [
    `dn: ${userDn(u.uid)}`,
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

function directoryLdif() {
  const dc = /^dc=([^,]+)/.exec(suffix)?.[1] ?? 'example';
  const entries = [
    `dn: ${suffix}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: ${dc}`,
    `dn: ou=people,${suffix}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${suffix}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ou=services,${suffix}\nobjectClass: organizationalUnit\nou: services`,
    `dn: ${serviceDn}\nobjectClass: applicationProcess\nobjectClass: simpleSecurityObject\ncn: calltimex\nuserPassword: ${servicePassword}`,
    ...directory.users.map(userLdif),
    ...directory.groups.map((g) =>
      [
        `dn: ${groupDn(g.cn)}`,
        'objectClass: groupOfNames',
        `cn: ${g.cn}`,
        // groupOfNames needs one member; an empty group holds the service account.
        ...(g.members.length > 0
          ? g.members.map((m) => `member: ${userDn(m)}`)
          : [`member: ${serviceDn}`]),
      ].join('\n'),
    ),
  ];
  return `${entries.join('\n\n')}\n`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForBind(url, deadline) {
  for (;;) {
    const client = new Client({ url, connectTimeout: 1000, timeout: 1000 });
    try {
      await client.bind(adminDn, adminPassword);
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

const dir = mkdtempSync(join(tmpdir(), 'ctx-e2e-slapd-'));
let child = null;
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  const finish = () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  };
  if (!child || child.exitCode !== null || child.signalCode !== null) return finish();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  child.once('exit', () => {
    clearTimeout(timer);
    finish();
  });
  child.kill('SIGTERM');
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
// Started with a pipe as stdin (as the spec does): stops when the parent goes away unannounced.
if (fstatSync(0).isFIFO()) {
  process.stdin.on('end', () => stop(0));
  process.stdin.resume();
}

try {
  const dbDir = join(dir, 'db');
  mkdirSync(dbDir);
  writeFileSync(join(dir, 'ad-lite.schema'), AD_LITE_SCHEMA);
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
  writeFileSync(join(dir, 'directory.ldif'), directoryLdif());
  execFileSync(SLAPADD, ['-f', join(dir, 'slapd.conf'), '-l', join(dir, 'directory.ldif')], {
    stdio: 'pipe',
  });
  const url = `ldap://127.0.0.1:${await freePort()}`;
  // -d 0: stay in the foreground (a child this process stops), log nothing.
  child = spawn(SLAPD, ['-f', join(dir, 'slapd.conf'), '-h', `${url}/`, '-d', '0'], {
    stdio: 'ignore',
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`slapd exited (${code ?? signal})\n`);
    stop(1);
  });
  await waitForBind(url, Date.now() + 15_000);
  process.stdout.write(
    `${JSON.stringify({
      url,
      suffix,
      peopleDn: `ou=people,${suffix}`,
      groupsDn: `ou=groups,${suffix}`,
      serviceDn,
      servicePassword,
      groupDns: Object.fromEntries(directory.groups.map((g) => [g.cn, groupDn(g.cn)])),
    })}\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  stop(1);
}
