import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DomainEvents } from '#src/common/events/domain-events.js';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { JOBS, type JobPayloads } from '#src/jobs/job-definitions.js';
import {
  JobBusyError,
  JobGoneError,
  JobProcessor,
  type JobContext,
} from '#src/jobs/job-processor.decorator.js';
import type { ExportTotals, ReportExportEntity } from './entities/report-export.entity.js';
import { EXPORT_TEXTS } from './export-texts.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService } from './exports.service.js';
import { ExportDelivery } from './export-delivery.js';
import { addSummaryTotals, ReportTables } from './report-tables.js';
import { formatDay } from './writers/cell-format.js';
import { CsvTableWriter } from './writers/csv.writer.js';
import { PdfTableWriter } from './writers/pdf.writer.js';
import type { ExportLocale, TableMeta, TableWriter } from './writers/table.js';
import { XlsxTableWriter } from './writers/xlsx.writer.js';

const PROGRESS_EVERY_MS = 500;
const UNEXPECTED_FAILURE =
  'The export could not be written. An administrator can see why under failed jobs and retry it.';

function createWriter(e: ReportExportEntity, path: string, meta: TableMeta): TableWriter {
  switch (e.format) {
    case 'csv':
      return new CsvTableWriter(path, meta);
    case 'xlsx':
      return new XlsxTableWriter(path, meta);
    case 'pdf':
      return new PdfTableWriter(path, meta);
  }
}

/**
 * Writes an export to DATA_DIR/files/exports, streaming: rows go to the file page by page. A run
 * first takes the export's lease; whichever run finishes completes it, once.
 */
@Injectable()
export class ExportRunProcessor {
  constructor(
    @Inject(ExportsRepository) private readonly repository: ExportsRepository,
    @Inject(ExportsService) private readonly exports: ExportsService,
    @Inject(ReportTables) private readonly tables: ReportTables,
    @Inject(ExportDelivery) private readonly delivery: ExportDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  @JobProcessor('export.run')
  async run(data: JobPayloads['export.run'], context: JobContext): Promise<void> {
    const found = await this.repository.findById(data.organizationId, data.exportId);
    if (!found) throw new JobGoneError(`export ${data.exportId} no longer exists`);
    if (found.status === 'completed' || found.status === 'expired') return;
    const leaseMs = this.config.jobs.lockSeconds * 2000;
    const runToken = randomUUID();
    if (!(await this.repository.claim(found.id, runToken, new Date(), leaseMs))) {
      const now = await this.repository.findById(data.organizationId, data.exportId);
      if (now?.status === 'completed' || now?.status === 'expired') return;
      throw new JobBusyError(`export ${found.id} is being written by a live run`);
    }
    // The lease lives as long as this process does; a killed worker stops renewing it.
    const beat = setInterval(() => {
      this.repository.heartbeat(found.id, runToken, new Date(), leaseMs).catch(() => undefined);
    }, leaseMs / 4);
    beat.unref();
    const relative = `exports/${found.organizationId}/${found.id}.${found.format}`;
    const final = this.exports.absolute(relative);
    const part = `${final}.${runToken}.part`;
    try {
      const { rows, totals } = await this.write(found, runToken, leaseMs, part, context);
      const { size } = await stat(part);
      await rename(part, final);
      const now = new Date();
      const expiresAt = new Date(now.getTime() + this.config.exports.retentionDays * 86_400_000);
      if (
        !(await this.repository.complete(
          found.id,
          runToken,
          { path: relative, size, rows, totals },
          now,
          expiresAt,
          (tx) =>
            this.events
              .publish(
                'export.ready',
                found.organizationId,
                { exportId: found.id, downloadUrl: `/api/v1/exports/${found.id}/file` },
                { tx, dedupeKey: found.id },
              )
              .then(() => undefined),
        ))
      ) {
        throw new JobBusyError(`export ${found.id} lost its lease before it completed`);
      }
      logger.info({ exportId: found.id, rows, size, runs: found.runs + 1 }, 'export completed');
      const completed = await this.repository.findById(found.organizationId, found.id);
      if (completed) await this.delivery.delivered(completed);
    } catch (error) {
      await rm(part, { force: true });
      const message = error instanceof Error ? error.message : String(error);
      if (context.signal.aborted) {
        await this.repository.release(found.id, runToken);
      } else if (error instanceof JobGoneError || error instanceof DomainError) {
        // The requester lost the right to see it, or it asks for what no longer exists.
        await this.repository.fail(found.id, runToken, message);
        throw new JobGoneError(message);
      } else if (
        !(error instanceof JobBusyError) &&
        context.attempt >= JOBS['export.run'].attempts
      ) {
        // The cause stays in the log and in the failed job the admin sees; the user gets no internals.
        logger.error({ exportId: found.id, err: error }, 'export failed');
        await this.repository.fail(found.id, runToken, UNEXPECTED_FAILURE);
      } else {
        await this.repository.release(found.id, runToken);
      }
      throw error;
    } finally {
      clearInterval(beat);
    }
  }

  private async write(
    e: ReportExportEntity,
    runToken: string,
    leaseMs: number,
    path: string,
    context: JobContext,
  ): Promise<{ rows: number; totals: ExportTotals | null }> {
    const requester = await this.repository.findRequester(e.organizationId, e.requestedByUserId);
    if (!requester || requester.status !== 'active') {
      throw new JobGoneError('the user who asked for this export is no longer active');
    }
    // The export runs with the requester's rights as they are now, not as they were.
    const principal: Principal = {
      userId: requester.id,
      organizationId: requester.organizationId,
      role: requester.role,
      employeeId: requester.employeeId,
      sessionId: `export:${e.id}`,
    };
    const source = await this.tables.open(principal, e);
    const locale = e.locale as ExportLocale;
    const texts = EXPORT_TEXTS[locale];
    await mkdir(dirname(path), { recursive: true });
    const writer = createWriter(e, path, {
      title: `CallTimeX · ${texts.reports[e.report]}`,
      subtitle: `${texts.period}: ${formatDay(e.fromDay, locale)} – ${formatDay(e.toDay, locale)} · ${texts.generated}: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      sheetName: texts.reports[e.report],
      locale,
      columns: source.columns,
      ...(source.csvDelimiter ? { csvDelimiter: source.csvDelimiter } : {}),
    });
    let rows = 0;
    let reported = 0;
    const totals: ExportTotals | null =
      e.report === 'summary' ? { employees: 0, activeSeconds: 0, productiveSeconds: 0 } : null;
    try {
      for await (const batch of source.batches()) {
        if (context.signal.aborted) throw new Error('released on shutdown');
        await writer.writeRows(batch.rows);
        rows += batch.rows.length;
        if (totals) addSummaryTotals(totals, batch.rows);
        if (Date.now() - reported >= PROGRESS_EVERY_MS) {
          reported = Date.now();
          const percent = Math.min(99, Math.floor(batch.done * 100));
          const held = await this.repository.heartbeat(e.id, runToken, new Date(), leaseMs, {
            percent,
            rows,
          });
          if (!held) throw new JobBusyError(`export ${e.id} lost its lease`);
        }
      }
      await writer.finish();
    } catch (error) {
      await writer.abort();
      throw error;
    }
    // A scheduled mail of another report still quotes the period's activity.
    if (!totals && e.subscriptionId && source.mailTotals) {
      return { rows, totals: await source.mailTotals() };
    }
    return { rows, totals };
  }
}
