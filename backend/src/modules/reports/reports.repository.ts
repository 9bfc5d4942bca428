import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inList } from '#src/database/raw-db.js';

export interface ReportEmployee {
  id: string;
  fullName: string;
  timeZone: string;
  teamId: string | null;
}

const CHUNK = 1000;

/** The employees a report is about; their activity comes from the activity read model. */
@Injectable()
export class ReportsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async employees(organizationId: string, ids: string[] | 'all'): Promise<ReportEmployee[]> {
    const base = 'SELECT id, fullName, timeZone, teamId FROM employees WHERE organizationId = ?';
    if (ids === 'all') return this.dataSource.query(`${base} ORDER BY id`, [organizationId]);
    const out: ReportEmployee[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      out.push(
        ...(await this.dataSource.query<ReportEmployee[]>(
          `${base} AND id IN (${inList(chunk.length)})`,
          [organizationId, ...chunk],
        )),
      );
    }
    return out;
  }
}
