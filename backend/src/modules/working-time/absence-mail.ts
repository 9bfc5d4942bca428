import { Inject, Injectable } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { TeamsRepository } from '../accounts/teams/teams.repository.js';
import { UsersRepository } from '../accounts/users/users.repository.js';
import type { MailParams, MailTemplate } from '../notifications/mail-catalog.js';
import { Mailer } from '../notifications/mailer.service.js';
import type { AbsenceEntity } from './entities/absence.entity.js';

/** The console page where absences are approved, rejected and seen. */
export const ABSENCES_PAGE = '/absences';

/**
 * Absence mails through the notifications module's Mailer (a durable row, then a retried job),
 * each in its recipient's language. A mail that cannot be queued never fails the action.
 */
@Injectable()
export class AbsenceMail {
  constructor(
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get absencesUrl(): string {
    return `${this.config.http.publicUrl.replace(/\/$/, '')}${ABSENCES_PAGE}`;
  }

  /**
   * Active users who can decide an absence of an employee of the team: owners, admins, HR, and
   * the team's managers (users with the manager role whom the team lists); never the requester.
   */
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
    absence: AbsenceEntity,
    employee: { fullName: string; teamId: string | null },
    facts: { workingDays: number; vacation?: { year: number; remainingDays: number } },
  ): Promise<number> {
    const recipients = await this.deciders(
      absence.organizationId,
      employee.teamId,
      absence.createdByUserId,
    );
    return this.send(
      absence,
      recipients,
      'absence-requested',
      {
        employeeName: employee.fullName,
        kind: absence.kind,
        from: absence.fromDay,
        to: absence.toDay,
        workingDays: facts.workingDays,
        ...(absence.note ? { note: absence.note } : {}),
        ...(facts.vacation ?? {}),
        absencesUrl: this.absencesUrl,
      },
      `absence-requested:${absence.id}`,
    );
  }

  /** To the employee's own login, when they have an active one. */
  async decided(absence: AbsenceEntity, deciderUserId: string): Promise<number> {
    const user = await this.users.findByEmployeeId(absence.organizationId, absence.employeeId);
    if (!user || user.status !== 'active') return 0;
    const decider = await this.users.findById(absence.organizationId, deciderUserId);
    return this.send(
      absence,
      [user.id],
      'absence-decided',
      {
        kind: absence.kind,
        from: absence.fromDay,
        to: absence.toDay,
        outcome: absence.status === 'approved' ? 'approved' : 'rejected',
        deciderName: decider?.fullName || decider?.email || 'CallTimeX',
        absencesUrl: this.absencesUrl,
      },
      `absence-decided:${absence.id}`,
    );
  }

  private async send<T extends MailTemplate>(
    absence: AbsenceEntity,
    userIds: string[],
    template: T,
    params: MailParams[T],
    dedupe: string,
  ): Promise<number> {
    let queued = 0;
    for (const userId of userIds) {
      try {
        const id = await this.mailer.queueMail({
          organizationId: absence.organizationId,
          template,
          to: { userId },
          params,
          dedupeKey: `${dedupe}:${userId}`,
        });
        if (id) queued++;
      } catch (err) {
        logger.error({ err, template, absenceId: absence.id }, 'absence mail not queued');
      }
    }
    return queued;
  }
}
