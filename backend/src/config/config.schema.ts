import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

// One CIDR: IPv4 or IPv6 address, a slash, a prefix length; ipaddr.js checks them fully in loadConfig.
const CIDR_LIST = /^[0-9A-Fa-f:.]+\/\d{1,3}(,[0-9A-Fa-f:.]+\/\d{1,3})*$/;

const toBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/**
 * Every environment variable the backend reads. Validated once at start-up; docs/configuration.md
 * and the deployment checks are generated from this class, so a variable exists only here.
 */
export class EnvironmentSchema {
  /** HTTP port of the api. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Address the api listens on (e.g. 127.0.0.1 behind a proxy on the same host); unset: all interfaces. */
  @IsOptional()
  @IsIP(undefined, { message: 'HOST must be an IPv4 or IPv6 address, e.g. 127.0.0.1 or ::' })
  HOST?: string;

  /** Embedded mode's SQLite file, stored files and mail outbox. */
  @IsOptional()
  @IsString()
  DATA_DIR = './data';

  /** The agent bundles and installers GET /api/v1/agent/downloads offers; unset: the agent build's agent/dist/bundle. */
  @IsOptional()
  @IsString()
  AGENT_DOWNLOADS_DIR?: string;

  /** mysql://user:pass@host:3306/db selects MySQL/MariaDB; unset selects SQLite in DATA_DIR. */
  @IsOptional()
  @Matches(/^mysql:\/\/[^\s]+$/, {
    message: 'DATABASE_URL must look like mysql://user:pass@host:3306/db',
  })
  DATABASE_URL?: string;

  /** Connections in the MySQL pool of each process. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Read replicas of DATABASE_URL (MySQL/MariaDB only): comma-separated mysql:// URLs that reports, exports and access exports read from; unset: every read goes to the primary. */
  @IsOptional()
  @Matches(/^\s*mysql:\/\/[^\s,]+\s*(,\s*mysql:\/\/[^\s,]+\s*)*$/, {
    message:
      'DATABASE_REPLICA_URLS must be comma-separated URLs like mysql://user:pass@replica-1:3306/db',
  })
  DATABASE_REPLICA_URLS?: string;

  /** A replica whose replication lag exceeds this many seconds (or that does not answer) is not read from: its reads go to the primary until it catches up. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  DATABASE_REPLICA_MAX_LAG_SECONDS = 30;

  /** redis://host:6379 selects BullMQ and a separate worker; unset runs jobs in-process. */
  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;

  /** smtp://user:pass@host:587; unset writes mail to DATA_DIR/outbox. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must look like smtp://user:pass@host:587' })
  SMTP_URL?: string;

  /** Sender address of all mail. */
  @IsOptional()
  @IsString()
  MAIL_FROM = 'CallTimeX <no-reply@calltimex.local>';

  /** Let more organizations sign up after the first. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  ALLOW_SIGNUP = false;

  /** Offer "Load demo data" in the console (owner/admin, empty organization). Unset: in embedded mode only. The CLI's demo command works either way. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  ALLOW_DEMO_DATA?: boolean;

  /** Signs access tokens; at least 32 characters. Required with DATABASE_URL; generated in DATA_DIR otherwise. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Lifetime of an access token, in seconds. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a refresh token (a session), in days. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** The address users reach the console at; used in links in mail. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  /** Trust X-Forwarded-For from this many proxies in front of the api (0: none). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  /** Bearer token GET /metrics requires; at least 16 characters. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Serve GET /metrics without a token on the api's port (only with a proxy that blocks it from outside). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  METRICS_PUBLIC = false;

  /** Serve GET /metrics on this separate port instead of the api's (no token needed unless METRICS_TOKEN is set); 0: the api's port. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  /** Address the METRICS_PORT listener binds to; unset: the same as HOST. */
  @IsOptional()
  @IsIP(undefined, { message: 'METRICS_HOST must be an IPv4 or IPv6 address' })
  METRICS_HOST?: string;

  /** Apply pending migrations when the api starts (the Helm chart runs them in a Job instead). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATE_ON_START = true;

  /** Jobs a worker process runs at once. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 4;

  /** Port of the worker's health probe (GET /health); 0 disables it. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  /** On SIGTERM the worker waits this long for running jobs, then releases them back to the queue. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  WORKER_SHUTDOWN_GRACE_SECONDS = 20;

  /** A running job whose worker stops renewing its lock this long is handed to another worker. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(600)
  JOB_LOCK_SECONDS = 30;

  /** Prefix of every BullMQ key in Redis, so several installations (or test runs) can share one Redis. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'QUEUE_PREFIX may hold letters, digits, _ . - (1-64)',
  })
  QUEUE_PREFIX = 'calltimex';

  /** How often the sweeper re-queues work the queue lost (a killed worker, a flushed Redis). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(86_400)
  SWEEP_INTERVAL_SECONDS = 60;

  /**
   * How long queued work (a mail, a privacy request) may wait untouched before the sweeper takes its
   * job as lost and queues it again (exports: the shorter of this and 2 minutes). Queuing again is
   * harmless while the job still exists: it keeps its id, so the queue ignores the copy.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(86_400)
  SWEEP_STALE_SECONDS = 900;

  /** Report exports are deleted this many days after they are ready. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  EXPORT_RETENTION_DAYS = 7;

  /** Where screenshots are stored: \`filesystem\` (SCREENSHOTS_DIR, a local directory or a mounted shared volume) or \`s3\` (an S3-compatible bucket, SCREENSHOTS_S3_*). */
  @IsOptional()
  @IsIn(['filesystem', 's3'])
  SCREENSHOTS_STORAGE: 'filesystem' | 's3' = 'filesystem';

  /** Directory of the filesystem screenshot store; unset: DATA_DIR/files/screenshots. Every api and worker must see the same one. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SCREENSHOTS_DIR?: string;

  /** With SCREENSHOTS_STORAGE=s3: the S3 endpoint, e.g. https://s3.eu-central-1.amazonaws.com or http://minio:9000. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'SCREENSHOTS_S3_ENDPOINT must be an http(s) URL, e.g. https://s3.example.com' },
  )
  SCREENSHOTS_S3_ENDPOINT?: string;

  /** With SCREENSHOTS_STORAGE=s3: the bucket, which must exist (the backend checks it at start-up). */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'SCREENSHOTS_S3_BUCKET must be a bucket name: 3-63 of a-z 0-9 . -',
  })
  SCREENSHOTS_S3_BUCKET?: string;

  /** With SCREENSHOTS_STORAGE=s3: the bucket's region (most S3-compatible servers accept us-east-1). */
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, {
    message: 'SCREENSHOTS_S3_REGION must be a region name, e.g. eu-central-1',
  })
  SCREENSHOTS_S3_REGION = 'us-east-1';

  /** With SCREENSHOTS_STORAGE=s3: the access key id. */
  @IsOptional()
  @IsString()
  SCREENSHOTS_S3_ACCESS_KEY_ID?: string;

  /** With SCREENSHOTS_STORAGE=s3: the secret access key. */
  @IsOptional()
  @IsString()
  SCREENSHOTS_S3_SECRET_ACCESS_KEY?: string;

  /** Address the bucket as endpoint/bucket (MinIO, Ceph, Garage, most self-hosted servers); false: bucket.endpoint (virtual-hosted, AWS). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SCREENSHOTS_S3_FORCE_PATH_STYLE = true;

  /** AES-256-GCM keys sealing stored card references: base64 of 32 bytes, comma-separated, the first seals (older ones still open). Generated in DATA_DIR in embedded mode. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, {
    message: 'BILLING_ENCRYPTION_KEY must be base64 of 32 bytes (several: comma-separated)',
  })
  BILLING_ENCRYPTION_KEY?: string;

  /** Ed25519 public key (PEM or base64 SPKI) that verifies licenses, instead of the vendor's. */
  @IsOptional()
  @IsString()
  LICENSE_PUBLIC_KEY?: string;

  /** Seats an organization may use without a license (the free tier). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  BILLING_FREE_SEATS = 5;

  /** OpenID Connect provider set by environment (IT automation): its issuer URL, whose /.well-known/openid-configuration is read. Overrides the console's settings for OIDC_ORGANIZATION_ID. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true })
  OIDC_ISSUER?: string;

  /** The organization (UUID) whose sign-in OIDC_ISSUER serves. */
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'OIDC_ORGANIZATION_ID must be an organization UUID',
  })
  OIDC_ORGANIZATION_ID?: string;

  /** Client id registered at the provider for CallTimeX. */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  /** Client secret (client_secret_basic); unset: a public client (PKCE only). */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** Name on the sign-in button ("Sign in with ..."). */
  @IsOptional()
  @IsString()
  OIDC_DISPLAY_NAME = 'Single sign-on';

  /** Scopes requested, space-separated (openid is always added). */
  @IsOptional()
  @Matches(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
    message: 'OIDC_SCOPES must be space-separated scope names',
  })
  OIDC_SCOPES = 'openid email profile';

  /** ID token claim holding the user's groups or roles (a string or an array), e.g. groups or roles. */
  @IsOptional()
  @IsString()
  OIDC_ROLE_CLAIM?: string;

  /** Claim value to role, `value=role` pairs separated by `;` (e.g. `ctx-admins=admin;ctx-hr=hr`); the most powerful match wins. */
  @IsOptional()
  @IsString()
  OIDC_ROLE_MAP?: string;

  /** Role of a user whose claims match no OIDC_ROLE_MAP entry (owner is never given by a claim). */
  @IsOptional()
  @IsIn(['admin', 'hr', 'manager', 'employee'])
  OIDC_DEFAULT_ROLE = 'employee';

  /** ID token claim holding team memberships (a string or an array). */
  @IsOptional()
  @IsString()
  OIDC_TEAM_CLAIM?: string;

  /** Claim value to team name, `value=Team name` pairs separated by `;`. */
  @IsOptional()
  @IsString()
  OIDC_TEAM_MAP?: string;

  /** Create a user at the first sign-in of someone the provider vouches for (just-in-time). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  OIDC_JIT = false;

  /** Email domains allowed to sign in through the provider, comma-separated; unset: any. */
  @IsOptional()
  @IsString()
  OIDC_ALLOWED_DOMAINS?: string;

  /** `amr` values that mean the provider did MFA, comma-separated (`acr` is checked against OIDC_MFA_ACR). */
  @IsOptional()
  @IsString()
  OIDC_MFA_AMR = 'mfa,otp,hwk,swk,sms,fpt,face';

  /** `acr` values that mean the provider did MFA, comma-separated; unset: acr is not considered. */
  @IsOptional()
  @IsString()
  OIDC_MFA_ACR?: string;

  /** Allow plain-HTTP OIDC issuers (development and tests only; never in production). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  OIDC_ALLOW_HTTP = false;

  /** Networks webhook URLs may reach although they are loopback, private, link-local or otherwise not public: comma-separated CIDRs (e.g. 10.20.0.0/16,127.0.0.1/32); unset: public addresses only. */
  @IsOptional()
  @Matches(CIDR_LIST, {
    message: 'WEBHOOKS_ALLOWED_NETWORKS must be comma-separated CIDRs, e.g. 10.20.0.0/16,fd00::/8',
  })
  WEBHOOKS_ALLOWED_NETWORKS?: string;

  /** First delay before a failed webhook delivery is tried again, in milliseconds; each next one doubles (at most 1 hour apart, for 24 hours). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOKS_RETRY_BASE_MS = 30_000;

  /** How long one webhook delivery may take (connect, send, answer), in seconds. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  WEBHOOKS_TIMEOUT_SECONDS = 10;
  /** A JSON file with LDAP / Active Directory settings per organization (docs/identity.md); organizations it names cannot be edited in the console. Unset: configured in the console only. */
  @IsOptional()
  @IsString()
  DIRECTORY_CONFIG_PATH?: string;

  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}
