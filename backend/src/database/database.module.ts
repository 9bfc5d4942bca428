import { Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { logger } from '../common/logging/logger.js';
import { createDataSource } from './data-source.js';
import { runMigrations } from './migrate.js';
import { NamedLock } from './named-lock.js';
import { ReadReplicas } from './replicas/read-replicas.js';

/** Migrations run here only in the api (and the CLI); the worker starts with migrate = false. */
export const RUN_MIGRATIONS = Symbol('RUN_MIGRATIONS');

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG, RUN_MIGRATIONS],
      useFactory: async (config: AppConfig, migrate: boolean) => {
        const dataSource = await createDataSource(config.database);
        await dataSource.initialize();
        if (migrate) {
          const applied = await runMigrations(dataSource);
          if (applied.length > 0) logger.info({ applied }, 'migrations applied');
        }
        return dataSource;
      },
    },
    ReadReplicas,
    NamedLock,
  ],
  exports: [DataSource, ReadReplicas, NamedLock],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
