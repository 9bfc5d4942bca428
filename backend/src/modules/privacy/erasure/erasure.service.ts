import { isAbsolute, join, relative, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import {
  ActivityErasure,
  RENAMED_KEYS,
  SHARED_ACTIVITY_COLUMNS,
} from '#src/modules/activity/removal/activity-erasure.js';
import { ScreenshotsService } from '#src/modules/screenshots/screenshots.service.js';
import type { ErasureVerification } from '../entities/privacy-request.entity.js';
import { removeFile, scanDataDir } from './data-dir-scan.js';
import { ErasureRepository } from './erasure.repository.js';

const MAX_CONTENT_IDENTIFIERS = 500;
/** What a data-directory scan never deletes: the database itself and the installation's secrets. */
const PROTECTED_FILE = /^(calltimex\.sqlite(-wal|-shm|-journal)?|secrets\.json)$/;

export interface Identifiers {
  /** Names, emails, phone: must be found nowhere. */
  personal: string[];
  /** Window titles and URLs the person produced. */
  content: string[];
}

/**
 * Erases one person everywhere, then searches every table and every file for what identified them
 * and returns what it found (ids of places, never values).
 */
@Injectable()
export class ErasureService {
  constructor(
    @Inject(ErasureRepository) private readonly repository: ErasureRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ActivityErasure) private readonly activity: ActivityErasure,
    @Inject(ScreenshotsService) private readonly screenshots: ScreenshotsService,
  ) {}

  async identifiers(organizationId: string, employeeId: string): Promise<Identifiers> {
    const rows = <T>(sql: string, params: unknown[]) => this.dataSource.query<T[]>(sql, params);
    const personal = new Set<string>();
    for (const e of await rows<{ fullName: string; email: string }>(
      'SELECT fullName, email FROM employees WHERE organizationId = ? AND id = ?',
      [organizationId, employeeId],
    )) {
      personal.add(e.fullName);
      personal.add(e.email);
    }
    for (const u of await rows<{
      firstName: string;
      lastName: string;
      email: string;
      phone: string | null;
    }>(
      'SELECT firstName, lastName, email, phone FROM users WHERE organizationId = ? AND employeeId = ?',
      [organizationId, employeeId],
    )) {
      personal.add([u.firstName, u.lastName].filter(Boolean).join(' '));
      personal.add(u.email);
      if (u.phone) personal.add(u.phone);
    }
    const content = new Set(await this.activity.contentOf(employeeId));
    return {
      // Too short to be searched without matching unrelated text.
      personal: [...personal].filter((t) => t.trim().length >= 5),
      content: [...content].filter((t) => t.trim().length >= 6),
    };
  }

  async erase(
    organizationId: string,
    employeeId: string,
    previousFiles: string[],
  ): Promise<ErasureVerification> {
    const ids = await this.identifiers(organizationId, employeeId);
    const person = await this.repository.collect(organizationId, employeeId);
    // Read before the spans go: keys only this person used would still spell their sites and apps.
    const keyIds = await this.activity.keyIdsOf(employeeId);
    // Screenshots first: their rows name the files, which may be on a store outside DATA_DIR.
    const shots = await this.screenshots.erase(organizationId, employeeId);
    const { deleted, files: exportFiles } = await this.repository.deletePerson(
      person,
      ids.personal,
      async (tx) => ({
        [RENAMED_KEYS]: await this.activity.renameUnusedKeys(tx, organizationId, keyIds),
      }),
    );
    this.activity.forgetKeys(organizationId);

    let files = 0;
    for (const rel of previousFiles) if (await removeFile(join(this.config.dataDir, rel))) files++;
    for (const rel of exportFiles) {
      // Export paths are relative to DATA_DIR/files (or absolute on a mounted volume).
      const candidates = isAbsolute(rel)
        ? [rel]
        : [join(this.config.dataDir, 'files', rel), join(this.config.dataDir, rel)];
      for (const path of candidates) if (await removeFile(path)) files++;
    }
    // Titles and URLs other people also have stay theirs; only the person's own are searched.
    const content = (await this.unshared(ids.content)).slice(0, MAX_CONTENT_IDENTIFIERS);
    const needles = [...ids.personal, ...content].map((t) => Buffer.from(t, 'utf8'));
    const found = await scanDataDir(
      this.config.dataDir,
      needles,
      (rel) => PROTECTED_FILE.test(rel) || this.inScreenshotStore(rel),
    );
    for (const rel of found.matches) {
      if (await removeFile(join(this.config.dataDir, rel))) files++;
    }
    if (files > 0) deleted.files = files;
    if (shots.rows > 0) deleted.screenshots = (deleted.screenshots ?? 0) + shots.rows;
    if (shots.files > 0) deleted['screenshot-files'] = shots.files;
    const compacted = await this.repository.compact();
    const verification = await this.verify(ids.personal, content, deleted);
    // The screenshot store is searched by the person's folder and rows, wherever it is.
    const remains = await this.screenshots.remainsOf(organizationId, employeeId);
    verification.storesSearched = ['screenshots'];
    if (remains.length > 0) {
      verification.findings.push(...remains);
      verification.passed = false;
    }
    return { ...verification, compactedAt: compacted ? new Date().toISOString() : null };
  }

  /**
   * Rebuilds, once each, the tables that erasures since the last run touched (MySQL/MariaDB), then
   * marks those erasures compacted. privacy_requests is always among them: its note was cleared.
   */
  async compactPending(now = new Date()): Promise<{ requests: number; tables: string[] }> {
    const pending = await this.repository.pendingCompaction(1000);
    if (pending.length === 0) return { requests: 0, tables: [] };
    const touched = pending.flatMap((r) => Object.keys(r.verification.deleted ?? {}));
    const tables = await this.repository.rebuildTables(['privacy_requests', ...touched]);
    await this.repository.markCompacted(pending, now);
    return { requests: pending.length, tables };
  }

  /**
   * Screenshot files are images named by ids (no text of the person in their bytes) and can be many
   * gigabytes: the byte scan skips them; the store is checked by listing the person's folder.
   */
  private inScreenshotStore(rel: string): boolean {
    const store = relative(this.config.dataDir, this.config.screenshots.dir);
    if (store === '' || store.startsWith('..') || isAbsolute(store)) return false;
    return rel === store || rel.startsWith(`${store}${sep}`);
  }

  /** Longest first: the most specific texts are the ones searched when there are many. */
  private async unshared(content: string[]): Promise<string[]> {
    const shared = await this.activity.recordedTexts(content);
    return content.filter((t) => !shared.has(t)).sort((a, b) => b.length - a.length);
  }

  async verify(
    personal: string[],
    content: string[],
    deleted: Record<string, number>,
  ): Promise<ErasureVerification> {
    const findings: string[] = [];
    const columns = this.repository.stringColumns();
    for (const col of columns) {
      const place = `${col.table}.${col.column}`;
      const texts = SHARED_ACTIVITY_COLUMNS.has(place) ? personal : [...personal, ...content];
      if (texts.length > 0 && (await this.repository.contains(col, texts, 'substring'))) {
        findings.push(place);
      }
    }
    const needles = [...personal, ...content].map((t) => Buffer.from(t, 'utf8'));
    const files = await scanDataDir(this.config.dataDir, needles, (rel) =>
      this.inScreenshotStore(rel),
    );
    findings.push(...files.matches.map((rel) => `file:${rel}`));
    return {
      checkedAt: new Date().toISOString(),
      passed: findings.length === 0,
      tablesSearched: new Set(columns.map((c) => c.table)).size,
      filesSearched: files.filesSearched,
      identifiersSearched: personal.length + content.length,
      findings,
      deleted,
    };
  }
}
