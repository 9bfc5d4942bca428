import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuditController } from './audit.controller.js';
import { AuditDomainEvents } from './audit-domain-events.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { DataViewsService } from './data-views.service.js';

/** The hash-chained audit log; global so any module can inject AuditService. */
@Global()
@Module({
  imports: [AccountsModule],
  controllers: [AuditController],
  providers: [
    AuditRepository,
    AuditService,
    AuditLogService,
    AuditDomainEvents,
    DataViewsService,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditService],
})
export class AuditModule {}
