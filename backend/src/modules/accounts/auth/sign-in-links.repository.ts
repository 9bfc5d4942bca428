import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { SignInLinkEntity } from '../entities/sign-in-link.entity.js';

@Injectable()
export class SignInLinksRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(SignInLinkEntity);
  }

  /** Links created for the user since then, from one address when given. */
  countSince(userId: string, since: Date, requestedFrom?: string): Promise<number> {
    return this.repo.countBy({
      userId,
      createdAt: MoreThan(since),
      ...(requestedFrom === undefined ? {} : { requestedFrom }),
    });
  }

  async insert(link: SignInLinkEntity): Promise<void> {
    await this.repo.insert(link);
  }

  findUsable(tokenHash: string, now: Date): Promise<SignInLinkEntity | null> {
    return this.repo.findOneBy({ tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** Marks the link used; false when another request used it first. */
  async claim(id: string, now: Date): Promise<boolean> {
    const result = await this.repo.update({ id, usedAt: IsNull() }, { usedAt: now });
    return (result.affected ?? 0) > 0;
  }
}
