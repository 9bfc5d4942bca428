import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DAY_MS } from '#src/common/time.js';
import { inList, readInSlices } from '#src/database/raw-db.js';
import { type ReadMode, ReadReplicas } from '#src/database/replicas/read-replicas.js';
import type { CountedSpan } from '../counting/segments.js';

/** An employee's rollup totals over a range of local days, with the rules revision they were split under. */
export interface StoredTotals {
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

/** A raw span as a day's timeline shows it (tombstones excluded). */
export interface StoredSpan extends CountedSpan {
  deviceId: string;
  eventId: string;
  app: string | null;
  title: string | null;
  url: string | null;
}

/** An active span's time and texts, as stored (no trimming or host extraction). */
export interface ActiveSpanText {
  startMs: number;
  endMs: number;
  app: string | null;
  title: string | null;
  url: string | null;
}

/** A person's span for an access export, as stored. */
export interface PersonSpan {
  deviceId: string;
  eventId: string;
  kind: string;
  startMs: number;
  endMs: number;
  app: string | null;
  title: string | null;
  url: string | null;
}

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The reads other modules need from the activity tables: rollups by employee and local day (the
 * primary keys), raw spans of a bounded window or of one person. Each runs where its ReadMode
 * says: all are plain SELECTs outside any transaction, so a replica may serve them.
 */
@Injectable()
export class ActivityReadRepository {
  constructor(@Inject(ReadReplicas) private readonly replicas: ReadReplicas) {}

  private query<T>(mode: ReadMode, sql: string, values: unknown[]): Promise<T> {
    return this.replicas.read(mode, (db: DataSource) => db.query<T>(sql, values));
  }

  async totals(
    employeeIds: string[],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<StoredTotals[]> {
    const rows = await readInSlices(employeeIds, (chunk) =>
      this.query<Record<string, unknown>[]>(
        mode,
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
      ),
    );
    return rows.map((r) => ({
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
    }));
  }

  /** Milliseconds per keyset over the days, summed over the employees (or the whole organization). */
  async keysetMs(
    organizationId: string,
    employeeIds: readonly string[] | 'all',
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const add = (rows: { keysetId: string; ms: unknown }[]) => {
      for (const r of rows) out.set(r.keysetId, (out.get(r.keysetId) ?? 0) + num(r.ms));
    };
    if (employeeIds === 'all') {
      add(
        await this.query(
          mode,
          `SELECT keysetId, SUM(ms) AS ms FROM activity_day_keysets
           WHERE organizationId = ? AND day >= ? AND day <= ? GROUP BY keysetId`,
          [organizationId, fromDay, toDay],
        ),
      );
      return out;
    }
    add(
      await readInSlices(employeeIds, (chunk) =>
        this.query<{ keysetId: string; ms: unknown }[]>(
          mode,
          `SELECT keysetId, SUM(ms) AS ms FROM activity_day_keysets
           WHERE employeeId IN (${inList(chunk.length)}) AND day >= ? AND day <= ? GROUP BY keysetId`,
          [...chunk, fromDay, toDay],
        ),
      ),
    );
    return out;
  }

  /** Raw spans that can touch [fromMs, toMs) (spans last at most 24 h). */
  async spans(
    employeeId: string,
    fromMs: number,
    toMs: number,
    mode: ReadMode,
  ): Promise<StoredSpan[]> {
    const rows = await this.query<Record<string, unknown>[]>(
      mode,
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

  /** Active spans of the employees that can touch [fromMs, toMs), by employee. */
  async activeSpans(
    employeeIds: readonly string[],
    fromMs: number,
    toMs: number,
    mode: ReadMode,
  ): Promise<Map<string, ActiveSpanText[]>> {
    const out = new Map<string, ActiveSpanText[]>();
    for (let i = 0; i < employeeIds.length; i += 100) {
      const chunk = employeeIds.slice(i, i + 100);
      const rows = await this.query<Record<string, unknown>[]>(
        mode,
        `SELECT employeeId, startMs, endMs, app, title, url FROM activity_spans
         WHERE employeeId IN (${inList(chunk.length)}) AND kind = 'active'
           AND startMs >= ? AND startMs < ? AND endMs > ? AND endMs > startMs`,
        [...chunk, fromMs - DAY_MS, toMs, fromMs],
      );
      for (const r of rows) {
        const id = String(r.employeeId);
        let list = out.get(id);
        if (!list) out.set(id, (list = []));
        list.push({
          startMs: Number(r.startMs),
          endMs: Number(r.endMs),
          app: typeof r.app === 'string' ? r.app : null,
          title: typeof r.title === 'string' ? r.title : null,
          url: typeof r.url === 'string' ? r.url : null,
        });
      }
    }
    return out;
  }

  /** Every day total of one person, by day (access export). */
  personDayTotals(
    organizationId: string,
    employeeId: string,
    mode: ReadMode,
  ): Promise<Record<string, unknown>[]> {
    return this.query<Record<string, unknown>[]>(
      mode,
      'SELECT day, activeMs, idleMs, productiveMs, neutralMs, unproductiveMs, firstActiveMs, ' +
        'lastActiveMs FROM activity_day_totals WHERE organizationId = ? AND employeeId = ? ORDER BY day',
      [organizationId, employeeId],
    );
  }

  /** The person's spans in (startMs, deviceId, eventId) order, a page at a time (no tombstones). */
  async *personSpans(
    employeeId: string,
    mode: ReadMode,
    pageSize = 5000,
  ): AsyncGenerator<PersonSpan[]> {
    const columns = 'deviceId, eventId, kind, startMs, endMs, app, title, url';
    let after: PersonSpan | null = null;
    for (;;) {
      const rows: PersonSpan[] = after
        ? await this.query<PersonSpan[]>(
            mode,
            `SELECT ${columns} FROM activity_spans WHERE employeeId = ? AND endMs > startMs AND (startMs > ? OR ` +
              '(startMs = ? AND (deviceId > ? OR (deviceId = ? AND eventId > ?)))) ' +
              'ORDER BY startMs, deviceId, eventId LIMIT ?',
            [
              employeeId,
              after.startMs,
              after.startMs,
              after.deviceId,
              after.deviceId,
              after.eventId,
              pageSize,
            ],
          )
        : await this.query<PersonSpan[]>(
            mode,
            `SELECT ${columns} FROM activity_spans WHERE employeeId = ? AND endMs > startMs ` +
              'ORDER BY startMs, deviceId, eventId LIMIT ?',
            [employeeId, pageSize],
          );
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1];
    }
  }
}
