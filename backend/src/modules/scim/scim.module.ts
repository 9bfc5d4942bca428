import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AgentModule } from '../agent/agent.module.js';
import { ApiTokensModule } from '../api-tokens/api-tokens.module.js';
import { ScimController } from './scim.controller.js';
import { ScimResourcesRepository } from './scim-resources.repository.js';
import { ScimService } from './scim.service.js';

/** SCIM 2.0 provisioning at /scim/v2 (outside /api/v1), authenticated by service API tokens. */
@Module({
  imports: [AccountsModule, AgentModule, ApiTokensModule],
  controllers: [ScimController],
  providers: [ScimResourcesRepository, ScimService],
})
export class ScimModule {}
