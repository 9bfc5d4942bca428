import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import type { RequestWithPrincipal } from '#src/common/auth/principal.js';
import { AuditService, type AuditRecord } from './audit.service.js';

interface Call {
  req: RequestWithPrincipal;
  body: Record<string, unknown>;
  query: Record<string, unknown>;
  params: Record<string, string>;
  result: unknown;
}

type Describe = (call: Call) => Omit<AuditRecord, 'organizationId'> | null;

const fieldsOf = (body: Record<string, unknown>) => ({ fields: Object.keys(body).sort() });
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A view of one person's data by someone else (an employee looking at themself is not logged). */
const personView =
  (report: string): Describe =>
  ({ req, query }) => {
    const subject = str(query.employeeId);
    if (!subject || subject === req.user?.employeeId) return null;
    return {
      action: 'data.viewed',
      targetType: 'employee',
      targetId: subject,
      subjectEmployeeId: subject,
      details: { report, from: query.from ?? query.day ?? null, to: query.to ?? null },
    };
  };

const targeted =
  (action: string, targetType: string, subject = false, withFields = false): Describe =>
  ({ params, body, result }) => {
    const id = params.id ?? str((result as { id?: unknown } | null)?.id);
    return {
      action,
      targetType,
      targetId: id ?? null,
      subjectEmployeeId: subject ? (id ?? null) : null,
      details: withFields ? fieldsOf(body) : {},
    };
  };

/**
 * Audited routes of other modules, keyed by handler name (the OpenAPI operation id, stable by
 * convention), so those modules need no audit code (accounts and agent may not import audit).
 * Privacy actions are recorded by their services; enrollment and renames of devices come as domain
 * events (audit-domain-events.ts).
 */
const AUDITED: Record<string, Describe> = {
  login: () => ({ action: 'auth.sign-in', targetType: 'user' }),
  updateUser: ({ params, body }) => ({
    action: typeof body.role === 'string' ? 'user.role-changed' : 'user.updated',
    targetType: 'user',
    targetId: params.id ?? null,
    details: { ...fieldsOf(body), ...(typeof body.role === 'string' ? { role: body.role } : {}) },
  }),
  deactivateUser: targeted('user.deactivated', 'user'),
  activateUser: targeted('user.activated', 'user'),
  createInvitation: ({ body, result }) => ({
    action: 'user.invited',
    targetType: 'invitation',
    targetId: str((result as { id?: unknown } | null)?.id),
    details: { role: str(body.role) },
  }),
  updateCurrentOrganization: ({ body }) => ({
    action: 'organization.settings-changed',
    targetType: 'organization',
    details: fieldsOf(body),
  }),
  updateDataCollectionSettings: ({ body }) => ({
    action: 'data-collection.settings-changed',
    targetType: 'organization',
    details: fieldsOf(body),
  }),
  createProductivityRule: targeted('rule.created', 'productivity-rule', false, true),
  updateProductivityRule: targeted('rule.updated', 'productivity-rule', false, true),
  deleteProductivityRule: targeted('rule.deleted', 'productivity-rule'),
  createEmployee: targeted('employee.created', 'employee', true),
  updateEmployee: targeted('employee.updated', 'employee', true, true),
  deactivateEmployee: targeted('employee.deactivated', 'employee', true),
  activateEmployee: targeted('employee.activated', 'employee', true),
  deleteEmployee: targeted('employee.deleted', 'employee', true),
  // A preview changes nothing; the import is recorded with its counts, no names or emails.
  importEmployees: ({ body, result }) => {
    if (body.dryRun === true) return null;
    const r = result as Record<string, unknown> | null;
    const n = (k: string) => (typeof r?.[k] === 'number' ? r[k] : 0);
    return {
      action: 'employee.imported',
      targetType: 'employee',
      details: {
        rows: n('total'),
        created: n('created'),
        updated: n('updated'),
        unchanged: n('unchanged'),
        failed: n('failed'),
        teamsCreated: Array.isArray(r?.teamsCreated) ? r.teamsCreated.length : 0,
      },
    };
  },
  getReportTimeline: personView('timeline'),
  getReportUsage: personView('usage'),
  getReportTrend: personView('trend'),
  getReportAttendance: personView('attendance'),
  getReportAttendanceTotals: personView('attendance-totals'),
  createWorkSchedule: targeted('work-schedule.created', 'work-schedule', false, true),
  updateWorkSchedule: targeted('work-schedule.updated', 'work-schedule', false, true),
  deleteWorkSchedule: targeted('work-schedule.deleted', 'work-schedule'),
  // A holiday's date is no personal data; its name can be anything HR typed, so it stays out.
  createHoliday: ({ body, result }) => ({
    action: 'holiday.created',
    targetType: 'holiday',
    targetId: str((result as { id?: unknown } | null)?.id),
    details: { date: str(body.date) },
  }),
  deleteHoliday: targeted('holiday.deleted', 'holiday'),
  importPublicHolidays: ({ body, result }) => {
    const r = result as { created?: unknown[]; skipped?: unknown[] } | null;
    return {
      action: 'holiday.imported',
      targetType: 'holiday',
      details: {
        country: str(body.country),
        region: str(body.region),
        year: typeof body.year === 'number' ? body.year : null,
        created: r?.created?.length ?? 0,
        skipped: r?.skipped?.length ?? 0,
      },
    };
  },
  createExport: ({ body, result }) => {
    const filters = (body.filters ?? {}) as Record<string, unknown>;
    return {
      action: 'export.created',
      targetType: 'export',
      targetId: str((result as { id?: unknown } | null)?.id),
      subjectEmployeeId: str(filters.employeeId),
      details: { report: str(body.report), format: str(body.format), teamId: str(filters.teamId) },
    };
  },
  downloadExport: targeted('export.downloaded', 'export'),
  createTeam: targeted('team.created', 'team'),
  // A team's name is no personal data, but entries keep ids only: the console shows it by id.
  updateTeam: ({ params, body }) => ({
    action: typeof body.name === 'string' ? 'team.renamed' : 'team.updated',
    targetType: 'team',
    targetId: params.id ?? null,
    details: fieldsOf(body),
  }),
  deleteTeam: targeted('team.deleted', 'team'),
  setTeamManagers: ({ params, body }) => ({
    action: 'team.managers-changed',
    targetType: 'team',
    targetId: params.id ?? null,
    details: {
      managerUserIds: Array.isArray(body.userIds)
        ? [...new Set(body.userIds.filter((id): id is string => typeof id === 'string'))].sort()
        : [],
    },
  }),
  createEnrollmentToken: ({ body, result }) => ({
    action: 'enrollment-token.created',
    targetType: 'enrollment-token',
    targetId: str((result as { id?: unknown } | null)?.id),
    details: {
      expiresInHours: typeof body.expiresInHours === 'number' ? body.expiresInHours : null,
      maxUses: typeof body.maxUses === 'number' ? body.maxUses : null,
    },
  }),
  revokeEnrollmentToken: targeted('enrollment-token.revoked', 'enrollment-token'),
  // The password never: only whether it changed.
  putMailSettings: ({ body }) => ({
    action: 'mail.settings-changed',
    targetType: 'organization',
    details: {
      host: str(body.host),
      port: typeof body.port === 'number' ? body.port : null,
      security: str(body.security),
      passwordChanged: body.password !== undefined,
    },
  }),
  deleteMailSettings: () => ({ action: 'mail.settings-removed', targetType: 'organization' }),
  sendTestMail: ({ body, result }) => ({
    action: 'mail.test-sent',
    targetType: 'organization',
    details: {
      to: str(body.to),
      delivered: (result as { delivered?: unknown } | null)?.delivered === true,
    },
  }),
  revokeDevice: ({ params, result }) => ({
    action: 'device.revoked',
    targetType: 'device',
    targetId: params.id ?? null,
    subjectEmployeeId: str((result as { employeeId?: unknown } | null)?.employeeId),
  }),
  createReportSubscription: targeted('report-subscription.created', 'report-subscription'),
  deleteReportSubscription: targeted('report-subscription.deleted', 'report-subscription'),
};

interface LoginResult {
  user?: { id?: string; organizationId?: string; role?: string };
}

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const describe = context.getType() === 'http' ? AUDITED[context.getHandler().name] : undefined;
    if (!describe) return next.handle();
    const req = context.switchToHttp().getRequest<RequestWithPrincipal>();
    return next
      .handle()
      .pipe(
        mergeMap((result: unknown) => from(this.write(describe, req, result).then(() => result))),
      );
  }

  private async write(describe: Describe, req: RequestWithPrincipal, result: unknown) {
    const call: Call = {
      req,
      body: (req.body ?? {}) as Record<string, unknown>,
      query: req.query ?? {},
      params: (req.params ?? {}) as Record<string, string>,
      result,
    };
    const described = describe(call);
    if (!described) return;
    // Sign-in has no principal yet: who signed in is in the response.
    const signedIn = (result as LoginResult | null)?.user;
    const organizationId = req.user?.organizationId ?? signedIn?.organizationId;
    if (!organizationId) return;
    await this.audit.recordQuietly({
      actorUserId: req.user?.userId ?? signedIn?.id ?? null,
      actorRole: req.user?.role ?? signedIn?.role ?? null,
      ...described,
      targetId: described.targetId ?? (req.user ? null : (signedIn?.id ?? null)),
      organizationId,
      clientAddress: (req.ip ?? '').slice(0, 64) || null,
    });
  }
}
