import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApiTokenStrategy } from './api-token.strategy.js';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { ApiTokensService } from './api-tokens.service.js';

/**
 * Personal and service API tokens: created, listed, revoked here; the `api-token` passport
 * strategy the global auth guard tries after the user JWT. A module of its own rather than part of
 * accounts: it needs the audit log, which itself depends on accounts.
 */
@Module({
  imports: [AccountsModule, PassportModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensRepository, ApiTokensService, ApiTokenStrategy],
  exports: [ApiTokensService],
})
export class ApiTokensModule {}
