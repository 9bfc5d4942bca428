import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, MoreThan } from 'typeorm';
import { RefreshTokenEntity, SessionEntity } from '../entities/session.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { type Role } from '#src/common/auth/roles.js';

export const ROTATED_TOKEN_RETENTION_MS = 86_400_000;

/** What the auth guard needs to know on every request, read in one indexed query. */
export interface LiveSession {
  userId: string;
  organizationId: string;
  role: Role;
  employeeId: string | null;
}

@Injectable()
export class SessionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The session's user, when the session is neither revoked nor expired and the user is active. */
  async findLive(sessionId: string, now: Date): Promise<LiveSession | null> {
    const row = await this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .innerJoin(UserEntity, 'u', 'u.id = s.userId AND u.organizationId = s.organizationId')
      .select([
        'u.id AS userId',
        'u.organizationId AS organizationId',
        'u.role AS role',
        'u.employeeId AS employeeId',
      ])
      .where('s.id = :sessionId', { sessionId })
      .andWhere('s.revokedAt IS NULL')
      .andWhere('s.expiresAt > :now', { now })
      .andWhere("u.status = 'active'")
      .getRawOne<LiveSession>();
    return row ?? null;
  }

  async create(session: SessionEntity, firstToken: RefreshTokenEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(SessionEntity, session);
      await manager.insert(RefreshTokenEntity, firstToken);
    });
  }

  findToken(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.dataSource.getRepository(RefreshTokenEntity).findOneBy({ tokenHash });
  }

  /**
   * Marks the presented token used and stores its successor. Returns false when another request
   * rotated it first, which counts as reuse.
   */
  async rotate(
    tokenId: string,
    next: RefreshTokenEntity,
    sessionId: string,
    now: Date,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        RefreshTokenEntity,
        { id: tokenId, rotatedAt: IsNull() },
        { rotatedAt: now },
      );
      if (!result.affected) return false;
      await manager.insert(RefreshTokenEntity, next);
      await manager.update(SessionEntity, { id: sessionId }, { lastUsedAt: now });
      // Rotated tokens are kept a day to detect reuse, then dropped so a long session stays small.
      await manager.delete(RefreshTokenEntity, {
        sessionId,
        rotatedAt: LessThan(new Date(now.getTime() - ROTATED_TOKEN_RETENTION_MS)),
      });
      return true;
    });
  }

  async revoke(sessionId: string, reason: string, now: Date): Promise<void> {
    await this.dataSource
      .getRepository(SessionEntity)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
  }

  async revokeAllForUser(
    organizationId: string,
    userId: string,
    reason: string,
    now: Date,
    exceptSessionId?: string,
  ): Promise<void> {
    const qb = this.dataSource
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: now, revokedReason: reason })
      .where('organizationId = :organizationId', { organizationId })
      .andWhere('userId = :userId', { userId })
      .andWhere('revokedAt IS NULL');
    if (exceptSessionId) qb.andWhere('id <> :exceptSessionId', { exceptSessionId });
    await qb.execute();
  }

  /** Drops a user's sessions (and their tokens) that ended before the cutoff. */
  async purgeEnded(organizationId: string, userId: string, cutoff: Date): Promise<void> {
    const ended = await this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.organizationId = :organizationId', { organizationId })
      .andWhere('s.userId = :userId', { userId })
      .andWhere('(s.expiresAt < :cutoff OR s.revokedAt < :cutoff)', { cutoff })
      .getRawMany<{ id: string }>();
    if (ended.length === 0) return;
    const ids = ended.map((r) => r.id);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(RefreshTokenEntity, { sessionId: In(ids) });
      await manager.delete(SessionEntity, { id: In(ids) });
    });
  }

  /** When each of these users last signed in (their newest session still on record). */
  async lastSignIns(organizationId: string, userIds: string[]): Promise<Map<string, Date>> {
    const out = new Map<string, Date>();
    if (userIds.length === 0) return out;
    const rows = await this.dataSource.getRepository(SessionEntity).find({
      where: { organizationId, userId: In(userIds) },
      select: { id: true, userId: true, createdAt: true },
    });
    for (const row of rows) {
      const at = new Date(row.createdAt);
      const seen = out.get(row.userId);
      if (!seen || seen < at) out.set(row.userId, at);
    }
    return out;
  }

  listActive(organizationId: string, userId: string, now: Date): Promise<SessionEntity[]> {
    return this.dataSource.getRepository(SessionEntity).find({
      where: { organizationId, userId, revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { lastUsedAt: 'DESC', id: 'ASC' },
    });
  }

  findForUser(organizationId: string, userId: string, id: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOneBy({ organizationId, userId, id });
  }
}
