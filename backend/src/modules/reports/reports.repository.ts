import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inList, inListSlices } from '#src/database/raw-db.js';

export interface ReportEmployee {
  id: string;
  fullName: string;
  timeZone: string;
  teamId: string | null;
}

/** The employees a report is about; their activity comes from the activity read model. */
@Injectable()
export class ReportsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async employees(organizationId: string, ids: string[] | 'all'): Promise<ReportEmployee[]> {
    const base = 'SELECT id, fullName, timeZone, teamId FROM employees WHERE organizationId = ?';
    if (ids === 'all') return this.dataSource.query(`${base} ORDER BY id`, [organizationId]);
    const out: ReportEmployee[] = [];
    for (const chunk of inListSlices(ids)) {
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
