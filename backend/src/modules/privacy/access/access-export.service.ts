import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { ZipFile } from 'yazl';
import { csvRecord, type CsvValue } from '#src/common/csv/spreadsheet-text.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import { toAuditRecordDto } from '#src/modules/audit/audit.dto.js';
import { AbsencesService } from '#src/modules/working-time/absences.service.js';
import { VacationPolicyService } from '#src/modules/working-time/vacation-policy.service.js';
import { ScreenshotsService } from '#src/modules/screenshots/screenshots.service.js';
import {
  ActivityReadModel,
  type PersonSpan,
} from '#src/modules/activity/read-model/activity-read-model.js';
import { AccessExportRepository } from './access-export.repository.js';

const SPAN_COLUMNS = [
  'deviceId',
  'eventId',
  'kind',
  'start',
  'end',
  'seconds',
  'app',
  'title',
  'url',
];

/** What each file of the ZIP holds; written as manifest.json. */
const MANIFEST: Record<string, string> = {
  'manifest.json': 'This list.',
  'profile.json':
    'The tracked person: name, email, team, time zone, status; and their console logins (no password).',
  'sessions.json': 'Console sign-in sessions of those logins: browser, address, times.',
  'devices.json': 'Enrolled workstations: host name, OS, agent version, last seen.',
  'activity-spans.json':
    'Every recorded activity span (JSON array): device, kind, start, end, app, window title, URL.',
  'activity-spans.csv':
    "The same spans as CSV (RFC 4180, UTF-8, header row). Text that a spreadsheet would run as a formula starts with ' there.",
  'daily-totals.json':
    'Per local day: active, idle, productive, neutral, unproductive milliseconds; first and last activity.',
  'daily-totals.csv': 'The same daily totals as CSV.',
  'notice-acknowledgements.json': 'Monitoring notice versions acknowledged, with device and time.',
  'policy-acceptances.json': 'Privacy policy versions accepted, with time.',
  'privacy-requests.json': 'Privacy requests about this person and their outcome.',
  'absences.json':
    'Vacations, sick leave and other absences filed for or by this person, with their status, and their own yearly vacation days if set.',
  'audit-entries.json':
    'Audit log entries about this person (for example who viewed their reports).',
  'screenshots.json':
    'Screenshots of this person: id, device, time captured, size, blur level, and the file under files/screenshots/ holding it (the full image, or the thumbnail where only thumbnails are kept).',
  'files/':
    'Stored files about this person: files/screenshots/<capturedAt>_<id>.webp, each listed below.',
};

type Row = Record<string, unknown>;

function normalize(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (
      typeof value === 'string' &&
      key.endsWith('At') &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)
    )
      out[key] = `${value.replace(' ', 'T')}Z`;
    else out[key] = value;
  }
  return out;
}

function spanOut(s: PersonSpan) {
  const startMs = Number(s.startMs);
  const endMs = Number(s.endMs);
  return {
    deviceId: s.deviceId,
    eventId: s.eventId,
    kind: s.kind,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    seconds: (endMs - startMs) / 1000,
    app: s.app,
    title: s.title,
    url: s.url,
  };
}

/** The daily totals as CSV: a header row of the columns, then one record per day. */
function totalsCsv(totals: Row[]): Buffer {
  const columns = Object.keys(totals[0] ?? { day: '' });
  let text = csvRecord(columns);
  for (const row of totals) text += csvRecord(columns.map((c) => cellOf(row[c])));
  return Buffer.from(text, 'utf8');
}

function cellOf(value: unknown): CsvValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return typeof value === 'bigint' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

/** The CSV file once the JSON pass has written it. */
async function* afterward(ready: Promise<void>, path: string): AsyncGenerator<Buffer> {
  await ready;
  for await (const chunk of createReadStream(path)) yield chunk as Buffer;
}

async function* readLater(read: () => Promise<Buffer | null>): AsyncGenerator<Buffer> {
  const bytes = await read();
  if (bytes) yield bytes;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2), 'utf8');

/** Builds the machine-readable ZIP of one person's data (GDPR Art. 15 and 20). */
@Injectable()
export class AccessExportService {
  constructor(
    @Inject(AccessExportRepository) private readonly repository: AccessExportRepository,
    @Inject(ActivityReadModel) private readonly activity: ActivityReadModel,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AbsencesService) private readonly absences: AbsencesService,
    @Inject(VacationPolicyService) private readonly vacation: VacationPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ScreenshotsService) private readonly screenshots: ScreenshotsService,
  ) {}

  /** Writes the ZIP and returns its path relative to DATA_DIR. */
  async build(organizationId: string, employeeId: string, requestId: string): Promise<string> {
    const rel = join('files', 'privacy', organizationId, `${requestId}.zip`);
    const target = join(this.config.dataDir, rel);
    const partial = `${target}.partial`;
    await mkdir(dirname(target), { recursive: true });

    const profile = await this.repository.profile(organizationId, employeeId);
    const logins = await this.repository.logins(organizationId, employeeId);
    const userIds = logins.map((l) => String(l.id));
    const totals = (await this.activity.personDayTotals(organizationId, employeeId, 'replica')).map(
      normalize,
    );
    const generatedAt = new Date().toISOString();
    const shots = (await this.screenshots.personalData(organizationId, employeeId)).map((s) => ({
      ...s,
      file: `files/screenshots/${s.capturedAt.replace(/[:.]/g, '-')}_${s.id}.webp`,
    }));

    const zip = new ZipFile();
    const written = pipeline(zip.outputStream, createWriteStream(partial, { mode: 0o600 }));
    const add = (name: string, body: Buffer) => zip.addBuffer(body, name, { mtime: new Date() });
    add(
      'manifest.json',
      json({
        format: 'calltimex-personal-data/1',
        generatedAt,
        employeeId,
        files: [
          ...Object.entries(MANIFEST).map(([file, contents]) => ({ file, contents })),
          ...shots.map((s) => ({
            file: s.file,
            contents: `Screenshot ${s.id} captured ${s.capturedAt} (${s.kept === 'image' ? 'image' : 'thumbnail only'}, WebP).`,
          })),
        ],
      }),
    );
    add(
      'profile.json',
      json({ employee: profile ? normalize(profile) : null, logins: logins.map(normalize) }),
    );
    add('sessions.json', json((await this.repository.sessions(userIds)).map(normalize)));
    add(
      'devices.json',
      json((await this.repository.devices(organizationId, employeeId)).map(normalize)),
    );
    // One pass over the spans writes the JSON entry and, beside it, a temporary CSV file that
    // becomes the next entry: the database is read once. The two large entries use deflate level 1
    // (several times faster, a little larger).
    const csvPath = `${partial}.spans.csv`;
    const csvDone = this.deferred();
    zip.addReadStream(
      Readable.from(this.spansJsonAndCsv(employeeId, csvPath, csvDone)),
      'activity-spans.json',
      { compressionLevel: 1 },
    );
    zip.addReadStream(Readable.from(afterward(csvDone.promise, csvPath)), 'activity-spans.csv', {
      compressionLevel: 1,
    });
    add('daily-totals.json', json(totals));
    add('daily-totals.csv', totalsCsv(totals));
    add(
      'notice-acknowledgements.json',
      json((await this.repository.acknowledgements(organizationId, employeeId)).map(normalize)),
    );
    add(
      'policy-acceptances.json',
      json(
        (await this.repository.policyAcceptances(organizationId, employeeId, userIds)).map(
          normalize,
        ),
      ),
    );
    add(
      'privacy-requests.json',
      json((await this.repository.privacyRequests(organizationId, employeeId)).map(normalize)),
    );
    add(
      'absences.json',
      json({
        absences: await this.absences.personalData(organizationId, employeeId),
        vacationDaysPerYear: await this.vacation.ownAllowance(organizationId, employeeId),
      }),
    );
    add(
      'audit-entries.json',
      json((await this.audit.entriesAbout(organizationId, employeeId)).map(toAuditRecordDto)),
    );
    add(
      'screenshots.json',
      json(
        shots.map((s) => ({
          id: s.id,
          deviceId: s.deviceId,
          capturedAt: s.capturedAt,
          width: s.width,
          height: s.height,
          blur: s.blur,
          kept: s.kept,
          file: s.file,
        })),
      ),
    );
    zip.addEmptyDirectory('files/');
    // One capture read at a time, as the ZIP asks for it: a year of screenshots never sits in memory.
    for (const s of shots) {
      zip.addReadStream(Readable.from(readLater(s.read)), s.file, { compress: false });
    }
    zip.end();
    try {
      await written;
      await rename(partial, target);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw error;
    } finally {
      await unlink(csvPath).catch(() => undefined);
    }
    return rel;
  }

  private deferred(): { promise: Promise<void>; resolve(): void; reject(e: unknown): void } {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => undefined);
    return { promise, resolve, reject };
  }

  private async *spansJsonAndCsv(
    employeeId: string,
    csvPath: string,
    done: { resolve(): void; reject(e: unknown): void },
  ): AsyncGenerator<string> {
    const csv = createWriteStream(csvPath, { mode: 0o600 });
    try {
      csv.write(csvRecord(SPAN_COLUMNS));
      yield '[';
      let first = true;
      for await (const page of this.activity.personSpans(employeeId, 'replica')) {
        let jsonChunk = first ? '\n' : ',\n';
        let csvChunk = '';
        for (let i = 0; i < page.length; i++) {
          const o = spanOut(page[i]);
          if (i > 0) jsonChunk += ',\n';
          jsonChunk += JSON.stringify(o);
          csvChunk += csvRecord([
            o.deviceId,
            o.eventId,
            o.kind,
            o.start,
            o.end,
            o.seconds,
            o.app,
            o.title,
            o.url,
          ]);
        }
        first = false;
        if (!csv.write(csvChunk)) await once(csv, 'drain');
        yield jsonChunk;
      }
      yield '\n]\n';
      await new Promise<void>((resolve, reject) =>
        csv.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
      done.resolve();
    } catch (error) {
      csv.destroy();
      done.reject(error);
      throw error;
    }
  }
}
