import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '#src/common/validation/common.dto.js';
import { logger, requestContext } from '#src/common/logging/logger.js';
import { ChainVerifier, type ChainBreak } from './audit-chain.js';
import type { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditRepository, type AuditFilter } from './audit.repository.js';

export interface AuditRecord {
  organizationId: string;
  actorUserId?: string | null;
  actorRole?: string | null;
  /** dotted, e.g. `auth.sign-in`, `privacy.request-filed`, `data.viewed`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  subjectEmployeeId?: string | null;
  /** Non-personal details only: never a name, email, title or URL. */
  details?: Record<string, unknown>;
  /** Defaults to the address of the request being served, if any (none in the worker). */
  clientAddress?: string | null;
}

export interface ChainVerification {
  valid: boolean;
  entriesChecked: number;
  headSeq: number;
  brokenAt: ChainBreak | null;
}

/** The audit log: every module records through here; entries are never updated. */
@Injectable()
export class AuditService {
  constructor(@Inject(AuditRepository) private readonly repository: AuditRepository) {}

  async record(r: AuditRecord, now = Date.now()): Promise<void> {
    await this.repository.append({
      organizationId: r.organizationId,
      at: now,
      actorUserId: r.actorUserId ?? null,
      actorRole: r.actorRole ?? null,
      action: r.action,
      targetType: r.targetType ?? null,
      targetId: r.targetId ?? null,
      subjectEmployeeId: r.subjectEmployeeId ?? null,
      details: JSON.stringify(r.details ?? {}),
      clientAddress:
        (r.clientAddress === undefined
          ? requestContext.getStore()?.clientAddress
          : r.clientAddress
        )?.slice(0, 64) ?? null,
    });
  }

  /** For hooks where a missing entry must not fail the user's action; the failure is logged. */
  recordQuietly(r: AuditRecord): Promise<void> {
    return this.record(r).catch((err: unknown) => {
      logger.error({ err, action: r.action }, 'audit entry not recorded');
    });
  }

  async list(
    organizationId: string,
    filter: AuditFilter,
    page: { page: number; pageSize: number },
  ): Promise<Page<AuditEntryEntity>> {
    const { items, total } = await this.repository.list(organizationId, filter, page);
    return { items, total, ...page };
  }

  /** Entries matching the filter, newest first, a page of the repository at a time. */
  newestFirst(organizationId: string, filter: AuditFilter, limit: number) {
    return this.repository.newestFirst(organizationId, filter, limit);
  }

  count(organizationId: string, filter: AuditFilter): Promise<number> {
    return this.repository.count(organizationId, filter);
  }

  async verify(organizationId: string): Promise<ChainVerification> {
    const head = await this.repository.head(organizationId);
    const verifier = new ChainVerifier();
    for await (const entry of this.repository.chain(organizationId)) {
      if (!verifier.push({ ...entry, at: Number(entry.at) })) break;
    }
    const brokenAt = verifier.finish(head);
    return {
      valid: brokenAt === null,
      entriesChecked: verifier.checked,
      headSeq: head?.seq ?? 0,
      brokenAt,
    };
  }

  entriesAbout(organizationId: string, employeeId: string): Promise<AuditEntryEntity[]> {
    return this.repository.findAbout(organizationId, employeeId);
  }

  purgeOlderThan(organizationId: string, cutoffMs: number): Promise<number> {
    return this.repository.deleteOlderThan(organizationId, cutoffMs);
  }
}
