import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, IsNull } from 'typeorm';
import { ApiTokenEntity } from './entities/api-token.entity.js';

@Injectable()
export class ApiTokensRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ApiTokenEntity);
  }

  findByHash(tokenHash: string): Promise<ApiTokenEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  findById(organizationId: string, id: string): Promise<ApiTokenEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  async insert(token: ApiTokenEntity): Promise<void> {
    await this.repo.insert(token);
  }

  /** The organization's service tokens (when asked) and the user's own personal tokens. */
  async listVisible(
    organizationId: string,
    userId: string,
    withService: boolean,
    page: { page: number; pageSize: number },
  ): Promise<{ items: ApiTokenEntity[]; total: number }> {
    const [items, total] = await this.repo
      .createQueryBuilder('t')
      .where('t.organizationId = :organizationId', { organizationId })
      .andWhere(
        new Brackets((qb) => {
          qb.where("t.kind = 'personal' AND t.userId = :userId", { userId });
          if (withService) qb.orWhere("t.kind = 'service'");
        }),
      )
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<void> {
    await this.repo.update({ organizationId, id, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllForUser(organizationId: string, userId: string, at: Date): Promise<number> {
    const result = await this.repo.update(
      { organizationId, userId, revokedAt: IsNull() },
      { revokedAt: at },
    );
    return result.affected ?? 0;
  }

  async touch(id: string, at: Date, address: string | null): Promise<void> {
    await this.repo.update({ id }, { lastUsedAt: at, lastUsedAddress: address });
  }
}
