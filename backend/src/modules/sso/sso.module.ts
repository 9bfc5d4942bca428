import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { OidcSettingsController, OidcSignInController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { SsoRepository } from './sso.repository.js';

/** Single sign-on: OpenID Connect providers per organization and the identities they vouch for. */
@Module({
  imports: [AccountsModule],
  controllers: [OidcSignInController, OidcSettingsController],
  providers: [SsoRepository, OidcService],
})
export class SsoModule {}
