import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { WorkerHealthServer } from './modules/health/worker-health.server.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { HealthService } from './modules/health/health.service.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { PrivacyModule } from './modules/privacy/privacy.module.js';
import { DirectoryModule } from './modules/directory/directory.module.js';
import { DemoModule } from './modules/demo/demo.module.js';
import { BillingModule } from './modules/billing/billing.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';

/**
 * The worker: the same core and feature modules as the api (their processors come with them), no
 * HTTP listener, no migrations.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, { runMigrations: false }),
        JobsModule.forRoot('worker'),
        NotificationsModule,
        ExportsModule,
        AuditModule,
        PrivacyModule,
        BillingModule,
        WebhooksModule,
        DirectoryModule,
        DemoModule,
      ],
      providers: [HealthService, WorkerHealthServer],
    };
  }
}
