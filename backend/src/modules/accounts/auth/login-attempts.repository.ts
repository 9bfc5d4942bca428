import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { LoginAttemptEntity } from '../entities/login-attempt.entity.js';

export interface AttemptWindow {
  count: number;
  oldest: Date | null;
}

@Injectable()
export class LoginAttemptsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(LoginAttemptEntity);
  }

  async insert(attempt: LoginAttemptEntity): Promise<void> {
    await this.repo.insert(attempt);
  }

  private async window(
    keys: { emailHash?: string; clientAddress?: string },
    since: Date,
  ): Promise<AttemptWindow> {
    const query = this.repo
      .createQueryBuilder('a')
      .select('COUNT(*)', 'count')
      .addSelect('MIN(a.attemptedAt)', 'oldest')
      .where('a.attemptedAt > :since', { since });
    if (keys.emailHash !== undefined)
      query.andWhere('a.emailHash = :emailHash', { emailHash: keys.emailHash });
    if (keys.clientAddress !== undefined)
      query.andWhere('a.clientAddress = :clientAddress', { clientAddress: keys.clientAddress });
    const row = await query.getRawOne<{ count: number | string; oldest: Date | string | null }>();
    return {
      count: Number(row?.count ?? 0),
      oldest: row?.oldest ? toDate(row.oldest) : null,
    };
  }

  byEmail(emailHash: string, since: Date): Promise<AttemptWindow> {
    return this.window({ emailHash }, since);
  }

  byAddress(clientAddress: string, since: Date): Promise<AttemptWindow> {
    return this.window({ clientAddress }, since);
  }

  byEmailAndAddress(emailHash: string, clientAddress: string, since: Date): Promise<AttemptWindow> {
    return this.window({ emailHash, clientAddress }, since);
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Every address's failures for the email (an administrator's reset lifts the lock). */
  async deleteForEmail(emailHash: string): Promise<void> {
    await this.repo.delete({ emailHash });
  }

  async deleteForEmailAndAddress(emailHash: string, clientAddress: string): Promise<void> {
    await this.repo.delete({ emailHash, clientAddress });
  }

  async deleteOlderThan(cutoff: Date): Promise<void> {
    await this.repo.delete({ attemptedAt: LessThan(cutoff) });
  }
}

/** Raw aggregates come back as Date (mysql2) or as 'YYYY-MM-DD HH:MM:SS[.fff]' UTC text (SQLite). */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`);
}
