import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { EnrollmentTokenEntity } from './entities/enrollment-token.entity.js';

@Injectable()
export class EnrollmentTokensRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(EnrollmentTokenEntity);
  }

  async insert(token: EnrollmentTokenEntity): Promise<void> {
    await this.repo.insert(token);
  }

  findByHash(tokenHash: string): Promise<EnrollmentTokenEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  findById(organizationId: string, id: string): Promise<EnrollmentTokenEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  list(organizationId: string): Promise<EnrollmentTokenEntity[]> {
    return this.repo.find({ where: { organizationId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<void> {
    await this.repo.update({ organizationId, id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Counts one use unless revoked or used up meanwhile; atomic, so concurrent enrollments cannot overrun maxUses. */
  async consumeUse(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(EnrollmentTokenEntity)
      .set({ uses: () => 'uses + 1' })
      .where('id = :id', { id })
      .andWhere('revokedAt IS NULL')
      .andWhere('(maxUses IS NULL OR uses < maxUses)')
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
