import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import {
  OidcIdentityEntity,
  OidcLoginStateEntity,
  OidcProviderEntity,
  OidcSessionEntity,
} from './entities/sso.entities.js';

/** Providers, identity links, authorization requests in flight and SSO sessions. */
@Injectable()
export class SsoRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get providers() {
    return this.dataSource.getRepository(OidcProviderEntity);
  }

  findProvider(organizationId: string): Promise<OidcProviderEntity | null> {
    return this.providers.findOneBy({ organizationId });
  }

  enabledProviders(): Promise<OidcProviderEntity[]> {
    return this.providers.find({ where: { enabled: true }, order: { displayName: 'ASC' } });
  }

  async clientSecretOf(organizationId: string): Promise<string | null> {
    const row = await this.providers.findOne({
      where: { organizationId },
      select: { organizationId: true, clientSecret: true },
    });
    return row?.clientSecret ?? null;
  }

  async saveProvider(row: Omit<OidcProviderEntity, 'clientSecret'>, secret?: string | null) {
    await this.providers.save(secret === undefined ? row : { ...row, clientSecret: secret });
  }

  async deleteProvider(organizationId: string): Promise<void> {
    await this.providers.delete({ organizationId });
  }

  findIdentity(issuer: string, subject: string): Promise<OidcIdentityEntity | null> {
    return this.dataSource.getRepository(OidcIdentityEntity).findOneBy({ issuer, subject });
  }

  async insertIdentity(row: OidcIdentityEntity): Promise<void> {
    await this.dataSource.getRepository(OidcIdentityEntity).insert(row);
  }

  async touchIdentity(id: string, now: Date): Promise<void> {
    await this.dataSource.getRepository(OidcIdentityEntity).update({ id }, { lastSignInAt: now });
  }

  async insertState(row: OidcLoginStateEntity, now: Date): Promise<void> {
    const repo = this.dataSource.getRepository(OidcLoginStateEntity);
    await repo.delete({ expiresAt: LessThan(now) });
    await repo.insert(row);
  }

  /** Reads and deletes in one go: a state answers one callback only. */
  async takeState(stateHash: string): Promise<OidcLoginStateEntity | null> {
    const repo = this.dataSource.getRepository(OidcLoginStateEntity);
    const row = await repo.findOneBy({ stateHash });
    if (!row) return null;
    const deleted = await repo.delete({ stateHash });
    return (deleted.affected ?? 0) === 1 ? row : null;
  }

  async insertSession(row: OidcSessionEntity): Promise<void> {
    await this.dataSource.getRepository(OidcSessionEntity).insert(row);
  }

  findSession(sessionId: string): Promise<OidcSessionEntity | null> {
    return this.dataSource.getRepository(OidcSessionEntity).findOneBy({ sessionId });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(OidcSessionEntity).delete({ sessionId });
  }
}
