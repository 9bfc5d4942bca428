import {
  OidcIdentityEntity,
  OidcLoginStateEntity,
  OidcProviderEntity,
  OidcSessionEntity,
} from './sso.entities.js';

export const SSO_ENTITIES = [
  OidcProviderEntity,
  OidcIdentityEntity,
  OidcLoginStateEntity,
  OidcSessionEntity,
];
