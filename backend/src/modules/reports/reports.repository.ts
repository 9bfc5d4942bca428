import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CountedSpan } from '../activity/counting/segments.js';
import { inList } from '../../database/raw-db.js';
import { DAY_MS } from '../../common/time.js';

export interface ReportEmployee {
  id: string;
  fullName: string;
  timeZone: string;
  teamId: string | null;
}

export interface EmployeeTotals {
  employeeId: string;
  activeMs: number;
  idleMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
  productiveMs: number;
  neutralMs: number;
  unproductiveMs: number;
  minRevision: number;
  maxRevision: number;
  minTeam: string;
  maxTeam: string;
}

export interface TimelineSpan extends CountedSpan {
  deviceId: string;
  eventId: string;
  app: string | null;
  title: string | null;
  url: string | null;
}

const CHUNK = 1000;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Report reads: rollups by employee and local day (the primary keys), raw spans for one day only. */
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

  async totals(employeeIds: string[], fromDay: string, toDay: string): Promise<EmployeeTotals[]> {
    const out: EmployeeTotals[] = [];
    for (let i = 0; i < employeeIds.length; i += CHUNK) {
      const chunk = employeeIds.slice(i, i + CHUNK);
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT employeeId, SUM(activeMs) AS activeMs, SUM(idleMs) AS idleMs,
                MIN(firstActiveMs) AS firstActiveMs, MAX(lastActiveMs) AS lastActiveMs,
                SUM(productiveMs) AS productiveMs, SUM(neutralMs) AS neutralMs,
                SUM(unproductiveMs) AS unproductiveMs,
                MIN(classRevision) AS minRevision, MAX(classRevision) AS maxRevision,
                MIN(classTeamId) AS minTeam, MAX(classTeamId) AS maxTeam
         FROM activity_day_totals
         WHERE employeeId IN (${inList(chunk.length)}) AND day >= ? AND day <= ?
         GROUP BY employeeId`,
        [...chunk, fromDay, toDay],
      );
      for (const r of rows) {
        out.push({
          employeeId: String(r.employeeId),
          activeMs: num(r.activeMs),
          idleMs: num(r.idleMs),
          firstActiveMs: numOrNull(r.firstActiveMs),
          lastActiveMs: numOrNull(r.lastActiveMs),
          productiveMs: num(r.productiveMs),
          neutralMs: num(r.neutralMs),
          unproductiveMs: num(r.unproductiveMs),
          minRevision: num(r.minRevision),
          maxRevision: num(r.maxRevision),
          minTeam: typeof r.minTeam === 'string' ? r.minTeam : '',
          maxTeam: typeof r.maxTeam === 'string' ? r.maxTeam : '',
        });
      }
    }
    return out;
  }

  /** Milliseconds per keyset over the days, summed over the employees (or the whole organization). */
  async keysetMs(
    organizationId: string,
    employeeIds: string[] | 'all',
    fromDay: string,
    toDay: string,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const add = (rows: { keysetId: string; ms: unknown }[]) => {
      for (const r of rows) out.set(r.keysetId, (out.get(r.keysetId) ?? 0) + num(r.ms));
    };
    if (employeeIds === 'all') {
      add(
        await this.dataSource.query(
          `SELECT keysetId, SUM(ms) AS ms FROM activity_day_keysets
           WHERE organizationId = ? AND day >= ? AND day <= ? GROUP BY keysetId`,
          [organizationId, fromDay, toDay],
        ),
      );
      return out;
    }
    for (let i = 0; i < employeeIds.length; i += CHUNK) {
      const chunk = employeeIds.slice(i, i + CHUNK);
      add(
        await this.dataSource.query(
          `SELECT keysetId, SUM(ms) AS ms FROM activity_day_keysets
           WHERE employeeId IN (${inList(chunk.length)}) AND day >= ? AND day <= ? GROUP BY keysetId`,
          [...chunk, fromDay, toDay],
        ),
      );
    }
    return out;
  }

  /** Raw spans that can touch [fromMs, toMs) (spans last at most 24 h). */
  async spans(employeeId: string, fromMs: number, toMs: number): Promise<TimelineSpan[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT deviceId, eventId, kind, startMs, endMs, keyId, app, title, url FROM activity_spans
       WHERE employeeId = ? AND startMs >= ? AND startMs < ? AND endMs > ? AND endMs > startMs`,
      [employeeId, fromMs - DAY_MS, toMs, fromMs],
    );
    return rows.map((r) => ({
      deviceId: String(r.deviceId),
      eventId: String(r.eventId),
      kind: r.kind === 'idle' ? 'idle' : 'active',
      startMs: Number(r.startMs),
      endMs: Number(r.endMs),
      keyId: typeof r.keyId === 'string' ? r.keyId : null,
      app: (r.app as string | null) ?? null,
      title: (r.title as string | null) ?? null,
      url: (r.url as string | null) ?? null,
    }));
  }
}
