import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { InvitationEntity } from '../entities/invitation.entity.js';
import { UserEntity } from '../entities/user.entity.js';

@Injectable()
export class InvitationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(InvitationEntity);
  }

  /** Looked up by its secret alone: whoever holds the link may accept it. */
  findByTokenHash(tokenHash: string): Promise<InvitationEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  findById(organizationId: string, id: string): Promise<InvitationEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  /** A new invitation replaces the user's open ones; a new invited user may come with it. */
  async create(invitation: InvitationEntity, newUser: UserEntity | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (newUser) await manager.insert(UserEntity, newUser);
      await manager.update(
        InvitationEntity,
        {
          organizationId: invitation.organizationId,
          userId: invitation.userId,
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
        },
        { revokedAt: invitation.createdAt },
      );
      await manager.insert(InvitationEntity, invitation);
    });
  }

  async listOpen(
    organizationId: string,
    now: Date,
    page: { page: number; pageSize: number },
  ): Promise<{ items: InvitationEntity[]; total: number }> {
    const [items, total] = await this.repo
      .createQueryBuilder('i')
      .where('i.organizationId = :organizationId', { organizationId })
      .andWhere('i.acceptedAt IS NULL')
      .andWhere('i.revokedAt IS NULL')
      .andWhere('i.expiresAt > :now', { now })
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /**
   * Marks it accepted and activates the user with their password, once: a second accept of the
   * same token (or a race) changes nothing and returns false.
   */
  async accept(invitation: InvitationEntity, passwordHash: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        InvitationEntity,
        { id: invitation.id, acceptedAt: IsNull(), revokedAt: IsNull() },
        { acceptedAt: now },
      );
      if (!result.affected) return false;
      await manager.update(
        UserEntity,
        { organizationId: invitation.organizationId, id: invitation.userId },
        { passwordHash, status: 'active' },
      );
      return true;
    });
  }

  async revoke(organizationId: string, id: string, now: Date): Promise<void> {
    await this.repo.update(
      { organizationId, id, acceptedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: now },
    );
  }
}
