import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

type Row = Record<string, unknown>;

/** Reads everything about one person for an access request; every query is by their ids. */
@Injectable()
export class AccessExportRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private rows(sql: string, params: unknown[]): Promise<Row[]> {
    return this.dataSource.query<Row[]>(sql, params);
  }

  async profile(organizationId: string, employeeId: string): Promise<Row | null> {
    const rows = await this.rows(
      'SELECT e.id, e.fullName, e.email, e.teamId, t.name AS teamName, e.timeZone, e.status, ' +
        'e.createdAt, e.updatedAt FROM employees e LEFT JOIN teams t ON t.id = e.teamId ' +
        'WHERE e.organizationId = ? AND e.id = ?',
      [organizationId, employeeId],
    );
    return rows[0] ?? null;
  }

  logins(organizationId: string, employeeId: string): Promise<Row[]> {
    return this.rows(
      'SELECT id, email, firstName, lastName, phone, role, status, locale, createdAt, updatedAt ' +
        'FROM users WHERE organizationId = ? AND employeeId = ?',
      [organizationId, employeeId],
    );
  }

  sessions(userIds: string[]): Promise<Row[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.rows(
      `SELECT id, userId, userAgent, clientAddress, createdAt, lastUsedAt, expiresAt, revokedAt ` +
        `FROM sessions WHERE userId IN (${userIds.map(() => '?').join(', ')}) ORDER BY createdAt`,
      userIds,
    );
  }

  devices(organizationId: string, employeeId: string): Promise<Row[]> {
    return this.rows(
      'SELECT d.id, d.createdAt, d.revokedAt, i.hostname, i.os, i.agentVersion, i.lastSeenAt, ' +
        'i.lastAddress FROM devices d LEFT JOIN device_inventory i ON i.deviceId = d.id ' +
        'WHERE d.organizationId = ? AND d.employeeId = ? ORDER BY d.createdAt',
      [organizationId, employeeId],
    );
  }

  acknowledgements(organizationId: string, employeeId: string): Promise<Row[]> {
    return this.rows(
      'SELECT version, deviceId, language, acknowledgedAt FROM privacy_notice_acknowledgements ' +
        'WHERE organizationId = ? AND employeeId = ? ORDER BY acknowledgedAt',
      [organizationId, employeeId],
    );
  }

  policyAcceptances(organizationId: string, employeeId: string, userIds: string[]): Promise<Row[]> {
    const byUser = userIds.length ? ` OR userId IN (${userIds.map(() => '?').join(', ')})` : '';
    return this.rows(
      'SELECT version, policyVersionId, userId, acceptedAt FROM privacy_policy_acceptances ' +
        `WHERE organizationId = ? AND (employeeId = ?${byUser}) ORDER BY acceptedAt`,
      [organizationId, employeeId, ...userIds],
    );
  }

  privacyRequests(organizationId: string, employeeId: string): Promise<Row[]> {
    return this.rows(
      'SELECT id, type, status, dueAt, completedAt, rejectionReason, note, createdAt ' +
        'FROM privacy_requests WHERE organizationId = ? AND employeeId = ? ORDER BY createdAt',
      [organizationId, employeeId],
    );
  }
}
