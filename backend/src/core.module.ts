import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { DomainEvents } from './common/events/domain-events.js';
import { RedisModule } from './common/redis.module.js';
import { DatabaseModule, RUN_MIGRATIONS } from './database/database.module.js';

/** What the api, the worker and the CLI share: config, database, Redis, domain events. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: { runMigrations: boolean }): DynamicModule {
    return {
      module: CoreModule,
      imports: [DatabaseModule, RedisModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RUN_MIGRATIONS, useValue: options.runMigrations },
        DomainEvents,
      ],
      exports: [APP_CONFIG, RUN_MIGRATIONS, DatabaseModule, RedisModule, DomainEvents],
    };
  }
}
