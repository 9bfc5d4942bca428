import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { replicaDataSource } from '../data-source.js';
import { replicaLag, replicaReads, replicaServing, replicaUp } from './replica-metrics.js';

/**
 * Where a read may run. 'replica': a read-only query whose caller accepts data up to
 * DATABASE_REPLICA_MAX_LAG_SECONDS old (reports, exports, access exports). 'primary': everything
 * else, above all whatever must see its own writes or runs in a transaction.
 */
export type ReadMode = 'primary' | 'replica';

/** starting: not measured yet; lagging: behind past the limit; down: does not answer. */
export type ReplicaState = 'starting' | 'ok' | 'lagging' | 'down';

export interface ReplicaStatus {
  /** replica-1, replica-2 … in the order of DATABASE_REPLICA_URLS (the address is in /metrics). */
  name: string;
  state: ReplicaState;
  /** null while unknown (down, or no heartbeat has reached it yet). */
  lagSeconds: number | null;
}

interface Replica {
  name: string;
  /** host:port, for logs and metrics; the URL's credentials never leave it. */
  address: string;
  url: string;
  source: DataSource | null;
  /** A connection attempt still under way (it may outlast one round's timeout). */
  connecting: Promise<DataSource> | null;
  /** Whether it answered its last check. */
  up: boolean;
  state: ReplicaState;
  lagMs: number | null;
}

const CHECK_INTERVAL_MS = 1_000;
const CHECK_TIMEOUT_MS = 2_000;
const HEARTBEAT_ID = 1;

// Errors after which a replica is taken as down until its next successful check (mysql2 marks
// connection-level failures `fatal`; the codes cover a pool that cannot connect at all).
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
]);

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; fatal?: boolean; driverError?: unknown } | null;
  if (!e) return false;
  if (e.fatal === true || (e.code !== undefined && CONNECTION_ERRORS.has(e.code))) return true;
  return e.driverError !== undefined && isConnectionError(e.driverError);
}

function within<T>(promise: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

function addressOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '3306'}`;
}

/**
 * Read replicas (DATABASE_REPLICA_URLS): one DataSource of its own per replica next to the
 * primary's, and a lag check every second.
 *
 * Why not TypeORM's `replication: { master, slaves }`: it sends every SELECT of the query builder
 * and of find() outside a transaction to a slave by default, so sign-in, settings and rules would
 * read stale rows right after writing them; it replaces the driver's pool by a pool cluster that
 * the raw-SQL helpers (mysqlPool, inMysqlTransaction, selectRowsAsArrays) cannot use; and it picks
 * a slave at random with no way to leave out one that lags or is down. Here the primary's
 * DataSource stays exactly as it was, and only reads that ask for 'replica' go elsewhere.
 *
 * Lag: every process stamps a heartbeat row on the primary (the primary's clock) each second and
 * reads it back from each replica; lag = primary's stamp − replica's stamp, so app clocks do not
 * matter and a stopped SQL thread shows as growing lag (Seconds_Behind_Master shows NULL then,
 * and needs a monitoring privilege). The resolution is about one second. The check is per process
 * by nature (each process routes its own reads), so it is a timer here, not a queued job.
 */
@Injectable()
export class ReadReplicas implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly replicas: Replica[];
  private readonly maxLagMs: number;
  private readonly poolSize: number;
  private nextReplica = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(DataSource) private readonly primary: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.replicas = config.replicas.urls.map((url, i) => ({
      name: `replica-${i + 1}`,
      address: addressOf(url),
      url,
      source: null,
      connecting: null,
      up: false,
      state: 'starting',
      lagMs: null,
    }));
    this.maxLagMs = config.replicas.maxLagSeconds * 1000;
    this.poolSize = config.database.type === 'mysql' ? config.database.poolSize : 1;
  }

  onApplicationBootstrap(): void {
    if (this.replicas.length === 0) return;
    for (const r of this.replicas) this.publish(r);
    this.timer = setInterval(() => void this.checkOnce(), CHECK_INTERVAL_MS);
    this.timer.unref();
    void this.checkOnce();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await Promise.allSettled(this.replicas.flatMap((r) => (r.connecting ? [r.connecting] : [])));
    await Promise.allSettled(
      this.replicas.flatMap((r) => (r.source?.isInitialized ? [r.source.destroy()] : [])),
    );
  }

  /** Each replica's state, for the health endpoint (empty without replicas). */
  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      name: r.name,
      state: r.state,
      lagSeconds: r.lagMs === null ? null : r.lagMs / 1000,
    }));
  }

  /**
   * Runs a read where its mode says: 'replica' on the next replica within the lag limit (round
   * robin), else on the primary. A replica that fails the read is never the caller's problem: the
   * read runs again on the primary (and a replica that lost its connection counts as down).
   */
  async read<T>(mode: ReadMode, work: (db: DataSource) => Promise<T>): Promise<T> {
    const replica = mode === 'replica' ? this.pick() : null;
    if (!replica?.source) {
      if (mode === 'replica' && this.replicas.length > 0) replicaReads.inc({ source: 'primary' });
      return work(this.primary);
    }
    try {
      const result = await work(replica.source);
      replicaReads.inc({ source: replica.name });
      return result;
    } catch (error) {
      if (isConnectionError(error)) {
        this.markDown(replica, error);
      } else {
        logger.warn(
          { err: error, replica: replica.name },
          'replica read failed; read on the primary',
        );
      }
      replicaReads.inc({ source: 'primary' });
      return work(this.primary);
    }
  }

  private pick(): Replica | null {
    const serving = this.replicas.filter((r) => r.state === 'ok' && r.source);
    if (serving.length === 0) return null;
    this.nextReplica = (this.nextReplica + 1) % serving.length;
    return serving[this.nextReplica];
  }

  private checkOnce(): Promise<void> {
    if (this.checking || this.stopped) return this.checking ?? Promise.resolve();
    this.checking = this.check()
      .catch((error: unknown) => logger.warn({ err: error }, 'replica check failed'))
      .finally(() => (this.checking = null));
    return this.checking;
  }

  /**
   * One round: each replica's heartbeat, then the primary's (read after them, so it is at least
   * as new), then a new stamp on the primary for the next round to find.
   */
  private async check(): Promise<void> {
    const beats = await Promise.all(this.replicas.map((r) => this.replicaBeat(r)));
    let primaryBeat: number | null;
    try {
      primaryBeat = await within(this.beatOf(this.primary));
    } catch (error) {
      // Without the primary's stamp nothing can be measured; the states stay as they were.
      logger.warn({ err: error }, 'replica check: the primary does not answer');
      return;
    }
    this.replicas.forEach((replica, i) => {
      const beat = beats[i];
      if (beat === 'down') return;
      if (primaryBeat === null) return; // the very first round: nothing stamped yet
      // A replica without the row has not received the first stamp: behind by an unknown amount.
      const lagMs = beat === null ? null : Math.max(0, primaryBeat - beat);
      this.update(replica, lagMs !== null && lagMs <= this.maxLagMs ? 'ok' : 'lagging', lagMs);
    });
    if (!this.stopped) await within(this.stamp());
  }

  /** The replica's copy of the heartbeat; 'down' when it cannot be read. */
  private async replicaBeat(replica: Replica): Promise<number | null | 'down'> {
    try {
      replica.source ??= await within((replica.connecting ??= this.connect(replica)));
      const beat = await within(this.beatOf(replica.source));
      replica.up = true;
      return beat;
    } catch (error) {
      this.markDown(replica, error);
      return 'down';
    }
  }

  private async connect(replica: Replica): Promise<DataSource> {
    const flavor = this.primary.options.type === 'mariadb' ? 'mariadb' : 'mysql';
    const source = replicaDataSource(replica.url, this.poolSize, flavor);
    try {
      await source.initialize();
    } finally {
      replica.connecting = null;
    }
    if (this.stopped) {
      await source.destroy();
      throw new Error('shutting down');
    }
    replica.source = source;
    return source;
  }

  private async beatOf(db: DataSource): Promise<number | null> {
    const rows: { beatMs: unknown }[] = await db.query(
      'SELECT beatMs FROM replication_heartbeat WHERE id = ?',
      [HEARTBEAT_ID],
    );
    return rows.length === 0 ? null : Number(rows[0].beatMs);
  }

  /** The primary's clock, never going back when several processes stamp at once. */
  private async stamp(): Promise<void> {
    await this.primary.query(
      'INSERT INTO replication_heartbeat (id, beatMs) VALUES (?, ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000)) ' +
        'ON DUPLICATE KEY UPDATE beatMs = GREATEST(beatMs, VALUES(beatMs))',
      [HEARTBEAT_ID],
    );
  }

  private markDown(replica: Replica, error: unknown): void {
    if (replica.state !== 'down') {
      logger.warn(
        { replica: replica.name, address: replica.address, err: error },
        'read replica does not answer; its reads go to the primary',
      );
    }
    replica.state = 'down';
    replica.up = false;
    replica.lagMs = null;
    this.publish(replica);
  }

  private update(replica: Replica, state: ReplicaState, lagMs: number | null): void {
    if (state !== replica.state) {
      const lagSeconds = lagMs === null ? null : lagMs / 1000;
      if (state === 'ok') {
        logger.info(
          { replica: replica.name, address: replica.address, lagSeconds },
          'read replica serves reads',
        );
      } else {
        logger.warn(
          {
            replica: replica.name,
            address: replica.address,
            lagSeconds,
            maxLagSeconds: this.maxLagMs / 1000,
          },
          'read replica lags past the limit; its reads go to the primary',
        );
      }
    }
    replica.state = state;
    replica.lagMs = lagMs;
    this.publish(replica);
  }

  private publish(replica: Replica): void {
    const labels = { replica: replica.name, address: replica.address };
    replicaLag.set(labels, replica.lagMs === null ? Number.NaN : replica.lagMs / 1000);
    replicaUp.set(labels, replica.up ? 1 : 0);
    replicaServing.set(labels, replica.state === 'ok' ? 1 : 0);
  }
}
