import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { UsersRepository } from '../accounts/users/users.repository.js';
import { parseDetails, type DataViewPageDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';

/** "Who viewed my data": the audit log's data.viewed entries about the caller's own person. */
@Injectable()
export class DataViewsService {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
  ) {}

  async forPrincipal(
    p: Principal,
    page: { page: number; pageSize: number },
  ): Promise<DataViewPageDto> {
    if (!p.employeeId) return { items: [], total: 0, ...page };
    const result = await this.audit.list(
      p.organizationId,
      { action: 'data.viewed', subjectEmployeeId: p.employeeId },
      page,
    );
    const viewerIds = [
      ...new Set(result.items.map((e) => e.actorUserId).filter((id): id is string => !!id)),
    ];
    const viewers = new Map(
      (viewerIds.length ? await this.users.findByIds(p.organizationId, viewerIds) : []).map((u) => [
        u.id,
        u,
      ]),
    );
    return {
      ...result,
      items: result.items.map((e) => {
        const viewer = e.actorUserId ? viewers.get(e.actorUserId) : undefined;
        const details = parseDetails(e.details);
        return {
          viewedAt: new Date(Number(e.at)).toISOString(),
          viewerUserId: e.actorUserId,
          viewerName: viewer ? viewer.fullName : null,
          viewerRole: e.actorRole,
          what: typeof details.report === 'string' ? details.report : 'data',
        };
      }),
    };
  }
}
