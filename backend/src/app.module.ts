import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { PermissionsGuard } from './common/auth/permissions.guard.js';
import { ProblemDetailsFilter } from './common/errors/problem.filter.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { JwtAuthGuard } from './modules/accounts/auth/auth.guards.js';
import { ActivityModule } from './modules/activity/activity.module.js';
import { AgentModule } from './modules/agent/agent.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { JobsAdminModule } from './modules/jobs-admin/jobs-admin.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { ApiTokensModule } from './modules/api-tokens/api-tokens.module.js';
import { ScimModule } from './modules/scim/scim.module.js';
import { PrivacyModule } from './modules/privacy/privacy.module.js';
import { ScreenshotsModule } from './modules/screenshots/screenshots.module.js';
import { BillingModule } from './modules/billing/billing.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { DirectoryModule } from './modules/directory/directory.module.js';
import { DemoModule } from './modules/demo/demo.module.js';
import { WorkingTimeModule } from './modules/working-time/working-time.module.js';
import { TimesheetsModule } from './modules/timesheets/timesheets.module.js';
import { ProjectsModule } from './modules/projects/projects.module.js';
import { PeriodLocksModule } from './modules/period-locks/period-locks.module.js';
import { PeriodClosingModule } from './modules/period-closing/period-closing.module.js';
import { SsoModule } from './modules/sso/sso.module.js';

/** The HTTP api. Feature modules are listed here once each. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, { runMigrations: config.migrateOnStart }),
        JobsModule.forRoot('api'),
        JobsAdminModule,
        NotificationsModule,
        ExportsModule,
        AccountsModule,
        SsoModule,
        HealthModule,
        MetricsModule,
        AgentModule,
        ActivityModule,
        ReportsModule,
        AuditModule,
        PrivacyModule,
        ScreenshotsModule,
        BillingModule,
        WebhooksModule,
        WorkingTimeModule,
        ApiTokensModule,
        ScimModule,
        TimesheetsModule,
        ProjectsModule,
        PeriodLocksModule,
        PeriodClosingModule,
        DirectoryModule,
        DemoModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Authentication first: the permissions guard reads the principal it sets.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionsGuard },
      ],
    };
  }
}
