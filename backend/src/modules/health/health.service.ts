import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '#src/common/redis.module.js';
import { ReadReplicas, type ReplicaStatus } from '#src/database/replicas/read-replicas.js';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { database: 'ok' | 'down'; redis?: 'ok' | 'down' };
  /**
   * Read replicas (with DATABASE_REPLICA_URLS) as the last lag check saw them. They never make the
   * process unhealthy: their reads go to the primary while they lag or are down.
   */
  details?: { replicas: ReplicaStatus[] };
}

const TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref(),
    ),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(ReadReplicas) private readonly replicas: ReadReplicas,
  ) {}

  async check(): Promise<HealthReport> {
    const database = await within(this.dataSource.query('SELECT 1')).then(
      () => 'ok' as const,
      () => 'down' as const,
    );
    const checks: HealthReport['checks'] = { database };
    if (this.redis) {
      checks.redis = await within(this.redis.ping()).then(
        () => 'ok' as const,
        () => 'down' as const,
      );
    }
    const ok = Object.values(checks).every((c) => c === 'ok');
    const replicas = this.replicas.status();
    return {
      status: ok ? 'ok' : 'unavailable',
      checks,
      ...(replicas.length > 0 ? { details: { replicas } } : {}),
    };
  }
}
