import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '#src/common/observability/metrics-registry.js';

/** NaN while a replica's lag is unknown (down, or no heartbeat yet). */
export const replicaLag = new Gauge({
  name: 'calltimex_db_replica_lag_seconds',
  help: 'Replication lag of each read replica (DATABASE_REPLICA_URLS), from the heartbeat row stamped on the primary every second; NaN while unknown',
  labelNames: ['replica', 'address'] as const,
  registers: [metricsRegistry],
});

export const replicaUp = new Gauge({
  name: 'calltimex_db_replica_up',
  help: 'Whether each read replica answered its last check (1) or not (0)',
  labelNames: ['replica', 'address'] as const,
  registers: [metricsRegistry],
});

export const replicaServing = new Gauge({
  name: 'calltimex_db_replica_serving',
  help: 'Whether reads go to each read replica (1), or to the primary because it lags past DATABASE_REPLICA_MAX_LAG_SECONDS or is down (0)',
  labelNames: ['replica', 'address'] as const,
  registers: [metricsRegistry],
});

export const replicaReads = new Counter({
  name: 'calltimex_db_replica_reads_total',
  help: 'Reads meant for a replica (reports, exports, access exports), by where they ran: a replica\'s name, or "primary" (no replica within the lag limit, or the replica failed the read)',
  labelNames: ['source'] as const,
  registers: [metricsRegistry],
});
