import { Inject, Injectable } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { TeamsRepository } from '../accounts/teams/teams.repository.js';
import { UsersRepository } from '../accounts/users/users.repository.js';
import type { MailParams } from '../notifications/mail-catalog.js';
import { Mailer } from '../notifications/mailer.service.js';

/** Console pages the mails link to. */
export const TIMESHEETS_PAGE = '/timesheets';
export const APPROVALS_PAGE = '/timesheets/approvals';

type Requested = MailParams['timesheet-approval-requested'];
type Decided = MailParams['timesheet-approval-decided'];

/**
 * Approval mails through the notifications module's Mailer (a durable row, then a retried job),
 * each in its recipient's language. A mail that cannot be queued never fails the action.
 */
@Injectable()
export class TimesheetMail {
  constructor(
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private url(page: string): string {
    return `${this.config.http.publicUrl.replace(/\/$/, '')}${page}`;
  }

  /** Active owners, admins, HR and the team's managers; never the requester. */
  async deciders(organizationId: string, teamId: string | null, requesterUserId: string) {
    const ids = new Set(
      (await this.users.findActiveByRoles(organizationId, ['owner', 'admin', 'hr'])).map(
        (u) => u.id,
      ),
    );
    if (teamId) {
      const managerIds = (await this.teams.managersOf(organizationId, [teamId])).get(teamId) ?? [];
      for (const u of await this.users.findByIds(organizationId, managerIds)) {
        if (u.status === 'active' && u.role === 'manager') ids.add(u.id);
      }
    }
    ids.delete(requesterUserId);
    return [...ids].sort();
  }

  async requested(
    organizationId: string,
    employee: { id: string; teamId: string | null },
    requesterUserId: string,
    params: Omit<Requested, 'approvalsUrl'>,
    dedupe: string,
  ): Promise<void> {
    try {
      const recipients = await this.deciders(organizationId, employee.teamId, requesterUserId);
      await this.send(
        organizationId,
        recipients,
        'timesheet-approval-requested',
        { ...params, approvalsUrl: this.url(APPROVALS_PAGE) },
        dedupe,
      );
    } catch (err) {
      logger.error({ err, dedupe }, 'timesheet approval request mail not queued');
    }
  }

  /** To the employee's own login, when they have an active one (and are not the decider). */
  async decided(
    organizationId: string,
    employeeId: string,
    deciderUserId: string,
    params: Omit<Decided, 'timesheetsUrl' | 'deciderName'>,
    dedupe: string,
  ): Promise<void> {
    try {
      const user = await this.users.findByEmployeeId(organizationId, employeeId);
      if (!user || user.status !== 'active' || user.id === deciderUserId) return;
      const decider = await this.users.findById(organizationId, deciderUserId);
      await this.send(
        organizationId,
        [user.id],
        'timesheet-approval-decided',
        {
          ...params,
          deciderName: decider?.fullName || decider?.email || 'CallTimeX',
          timesheetsUrl: this.url(TIMESHEETS_PAGE),
        },
        dedupe,
      );
    } catch (err) {
      logger.error({ err, dedupe }, 'timesheet decision mail not queued');
    }
  }

  private async send<T extends 'timesheet-approval-requested' | 'timesheet-approval-decided'>(
    organizationId: string,
    userIds: string[],
    template: T,
    params: MailParams[T],
    dedupe: string,
  ): Promise<void> {
    for (const userId of userIds) {
      try {
        await this.mailer.queueMail({
          organizationId,
          template,
          to: { userId },
          params,
          dedupeKey: `${dedupe}:${userId}`,
        });
      } catch (err) {
        logger.error({ err, template, dedupe }, 'timesheet mail not queued');
      }
    }
  }
}
