import type { DirectoryEnvironmentEntrySchema } from './directory-settings.js';

/** An organization's directory settings from DIRECTORY_CONFIG_PATH, bind password read. */
export type DirectoryEnvironmentEntry = Omit<
  DirectoryEnvironmentEntrySchema,
  'bindPassword' | 'bindPasswordFile'
> & { bindPassword: string | null };

export type DatabaseConfig =
  { type: 'sqlite'; path: string } | { type: 'mysql'; url: string; poolSize: number };

/** The typed configuration every part of the backend reads; built once by loadConfig(). */
export interface AppConfig {
  /** host null: every interface (Node's default, `::` with IPv4 mapped where the system allows). */
  http: { port: number; host: string | null; trustProxyHops: number; publicUrl: string };
  /**
   * GET /metrics: on the api's port with a bearer token (or public), or on its own port (port > 0),
   * bound to host (null: the api's host).
   */
  metrics: { token: string | null; public: boolean; port: number; host: string | null };
  dataDir: string;
  /** Where the agent bundles and installers offered for download are (AGENT_DOWNLOADS_DIR). */
  agentDownloadsDir: string;
  database: DatabaseConfig;
  /**
   * Read replicas of the MySQL/MariaDB primary (none in embedded mode): report, export and access
   * export reads go to one within maxLagSeconds, else to the primary.
   */
  replicas: { urls: string[]; maxLagSeconds: number };
  /** null in embedded mode: jobs run in-process. */
  redis: { url: string } | null;
  mail: { smtpUrl: string | null; from: string };
  auth: { jwtSecret: string; accessTokenTtlSeconds: number; refreshTokenTtlDays: number };
  allowSignup: boolean;
  /** The console may load demo data (POST /demo). */
  allowDemoData: boolean;
  migrateOnStart: boolean;
  worker: { concurrency: number; healthPort: number; shutdownGraceSeconds: number };
  jobs: {
    prefix: string;
    lockSeconds: number;
    sweepIntervalSeconds: number;
    /** Queued work untouched this long has lost its job: the sweeper queues it again. */
    sweepStaleSeconds: number;
  };
  exports: { retentionDays: number };
  /** The screenshot store, chosen once at start-up (dir: the filesystem store's, also when unused). */
  screenshots:
    | { storage: 'filesystem'; dir: string }
    | { storage: 's3'; dir: string; s3: ScreenshotsS3Config };
  billing: {
    /** First seals, all open; id = first 8 hex of the key's SHA-256. */
    encryptionKeys: { id: string; key: Buffer }[];
    /** PEM or base64 SPKI; null: the vendor key shipped in the code. */
    licensePublicKey: string | null;
    freeSeats: number;
  };
  /** The OIDC provider set by environment (null: only the console's per-organization settings). */
  oidc: {
    env: EnvOidcProvider | null;
    allowHttp: boolean;
  };
  webhooks: {
    /** [address, prefix length] pairs parsed by ipaddr.js; reachable although not public. */
    allowedNetworks: string[];
    retryBaseMs: number;
    timeoutMs: number;
  };
  /** LDAP / Active Directory settings IT manages by file (DIRECTORY_CONFIG_PATH); empty: none. */
  directory: { environment: DirectoryEnvironmentEntry[] };
  logLevel: string;
}

/** An S3-compatible bucket holding screenshots (SCREENSHOTS_S3_*). */
export interface ScreenshotsS3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export interface EnvOidcProvider {
  organizationId: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  displayName: string;
  scopes: string;
  roleClaim: string | null;
  roleMap: { value: string; role: string }[];
  defaultRole: string;
  teamClaim: string | null;
  teamMap: { value: string; team: string }[];
  jit: boolean;
  allowedDomains: string[];
  mfaAmr: string[];
  mfaAcr: string[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');
