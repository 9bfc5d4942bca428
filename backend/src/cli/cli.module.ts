import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CoreModule } from '../core.module.js';
import type { CliCommand } from './cli-command.js';

/**
 * The application context of one CLI command: only what that command needs, on the core module
 * the api and the worker use when it needs the database (checked by checkDatabase first). Nothing
 * here listens or migrates by itself.
 */
@Module({})
export class CliModule {
  static forCommand(command: CliCommand, config: AppConfig | null): DynamicModule {
    const providers: Provider[] = [command.handler, ...(command.providers ?? [])];
    const imports = [...(command.imports ?? [])];
    if (command.context === 'config' && config) {
      providers.push({ provide: APP_CONFIG, useValue: config });
    }
    if (command.context === 'database' && config) {
      const oneShot: AppConfig = {
        ...config,
        // A one-shot command reads the primary only, and opens Redis only when it queues jobs.
        replicas: { ...config.replicas, urls: [] },
        redis: command.queues ? config.redis : null,
      };
      imports.unshift(CoreModule.forRoot(oneShot, { runMigrations: false }));
    }
    return { module: CliModule, imports, providers };
  }
}
