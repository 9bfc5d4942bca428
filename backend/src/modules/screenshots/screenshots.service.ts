import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { DAY_MS } from '#src/common/time.js';

const HOUR_MS = 3_600_000;
import { AccessScopeService } from '../accounts/access-scope.service.js';
import type { DeviceSession } from '../agent/devices.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  OwnScreenshotsQueryDto,
  ScreenshotDto,
  ScreenshotListDto,
  ScreenshotPolicyDto,
  ScreenshotUploadResultDto,
  UploadScreenshotFieldsDto,
} from './dto/screenshot.dto.js';
import { ScreenshotEntity } from './entities/screenshot.entity.js';
import { MAX_WIDTH, processScreenshot } from './screenshot-images.js';
import { ScreenshotNotices } from './screenshot-notices.js';
import {
  ScreenshotSettingsService,
  type EffectiveSettings,
} from './screenshot-settings.service.js';
import { DeleteWindowPassedError, ScreenshotsDisabledError } from './screenshots.errors.js';
import { ScreenshotsRepository, type PageCursor } from './screenshots.repository.js';
import { SCREENSHOT_STORAGE, type ScreenshotStorage } from './storage/screenshot-storage.js';

export type ImageKind = 'image' | 'thumbnail';
type Device = { organizationId: string; employeeId: string };
const FUTURE_SLACK_MS = 10 * 60 * 1000;
const PURGE_BATCH = 500;

export interface UploadedFile {
  buffer: Buffer;
  mimetype: string;
  size: number;
}

export interface UploadOutcome {
  created: boolean;
  body: ScreenshotUploadResultDto;
}

function toDto(s: ScreenshotEntity): ScreenshotDto {
  return {
    id: s.id,
    employeeId: s.employeeId,
    deviceId: s.deviceId,
    capturedAt: new Date(s.capturedAt).toISOString(),
    width: s.width,
    height: s.height,
    blur: s.blur,
  };
}

function encodeCursor(s: ScreenshotEntity): string {
  return Buffer.from(`${new Date(s.capturedAt).getTime()}|${s.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): PageCursor | null {
  if (!cursor) return null;
  const [ms, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = Number(ms);
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || !Number.isSafeInteger(at)) {
    throw new BadRequestError('cursor is not one this server gave.');
  }
  return { capturedAt: new Date(at), id };
}

/** A bare day is that day in UTC; `to` as a day includes the whole day. */
function parseBound(value: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return new Date(end ? start + DAY_MS : start);
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BadRequestError('from and to must be ISO 8601 times or days.');
  return new Date(ms);
}

/** Captures: upload from agents, playback lists and images for people, deletion, privacy duties. */
@Injectable()
export class ScreenshotsService {
  constructor(
    @Inject(ScreenshotsRepository) private readonly repository: ScreenshotsRepository,
    @Inject(ScreenshotSettingsService) private readonly settings: ScreenshotSettingsService,
    @Inject(ScreenshotNotices) private readonly notices: ScreenshotNotices,
    @Inject(SCREENSHOT_STORAGE) private readonly storage: ScreenshotStorage,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async policy(device: Device): Promise<ScreenshotPolicyDto> {
    return (await this.evaluate(device)).policy;
  }

  /** The policy and the settings behind it, read once. */
  private async evaluate(device: Device) {
    const effective = await this.settings.effectiveFor(device.organizationId, device.employeeId);
    return { policy: await this.policyOf(device, effective.settings), ...effective };
  }

  private async policyOf(
    device: Device,
    settings: EffectiveSettings['settings'],
  ): Promise<ScreenshotPolicyDto> {
    const base = {
      intervalSeconds: settings.intervalSeconds,
      randomize: settings.randomize,
      excludedApps: settings.excludedApps,
      excludedSites: settings.excludedSites,
      maxWidth: MAX_WIDTH,
      format: 'jpeg' as const,
      quality: 70,
    };
    const notice = await this.notices.forEmployee(device.organizationId, device.employeeId);
    const version = notice ? { noticeVersion: notice.version } : {};
    if (!settings.enabled) return { enabled: false, reason: 'off', ...base, ...version };
    if (!notice?.coversScreenshots) {
      return { enabled: false, reason: 'notice-does-not-cover-screenshots', ...base, ...version };
    }
    if (!notice.acknowledged) {
      return { enabled: false, reason: 'notice-not-acknowledged', ...base, ...version };
    }
    return { enabled: true, ...base, ...version };
  }

  async upload(
    device: DeviceSession,
    fields: UploadScreenshotFieldsDto,
    file: UploadedFile | undefined,
    now = new Date(),
  ): Promise<UploadOutcome> {
    if (!file) throw new BadRequestError('The multipart part "image" (the file) is missing.');
    const capturedAt = new Date(Date.parse(fields.capturedAt));
    if (Number.isNaN(capturedAt.getTime())) throw new BadRequestError('capturedAt is not a time.');
    if (capturedAt.getTime() > now.getTime() + FUTURE_SLACK_MS) {
      throw new BadRequestError('capturedAt is in the future.');
    }
    const { policy, settings, teamId } = await this.evaluate(device);
    if (!policy.enabled) throw new ScreenshotsDisabledError(policy.reason ?? 'off');

    const existing = await this.repository.findAnyById(fields.id);
    if (existing) return this.duplicateOf(existing, device);

    if (capturedAt.getTime() < now.getTime() - settings.retentionDays * DAY_MS) {
      throw new BadRequestError('capturedAt is older than screenshots are kept.');
    }
    const processed = await processScreenshot(file.buffer, file.mimetype, settings.blur);
    const month = capturedAt.toISOString().slice(0, 7);
    const prefix = `${device.organizationId}/${device.employeeId}/${month}/${fields.id}`;
    const imageKey = processed.image ? `${prefix}.image.webp` : null;
    const thumbnailKey = `${prefix}.thumb.webp`;
    const written: string[] = [];
    try {
      if (processed.image && imageKey) {
        await this.storage.put(imageKey, processed.image);
        written.push(imageKey);
      }
      await this.storage.put(thumbnailKey, processed.thumbnail);
      written.push(thumbnailKey);
      const row = Object.assign(new ScreenshotEntity(), {
        id: fields.id,
        organizationId: device.organizationId,
        employeeId: device.employeeId,
        deviceId: device.deviceId,
        teamId,
        capturedAt,
        width: processed.width,
        height: processed.height,
        blur: settings.blur,
        imageKey,
        thumbnailKey,
        storedBytes: (processed.image?.length ?? 0) + processed.thumbnail.length,
        createdAt: now,
      });
      if (!(await this.repository.insert(row))) {
        // Another upload of the same id won the race: its row names the files.
        const winner = await this.repository.findAnyById(fields.id);
        if (!winner) throw new ConflictError('The capture was stored and removed at once; retry.');
        const keep = new Set([winner.imageKey, winner.thumbnailKey]);
        await this.storage.delete(written.filter((k) => !keep.has(k)));
        return this.duplicateOf(winner, device);
      }
    } catch (error) {
      await this.storage.delete(written).catch(() => 0);
      throw error;
    }
    return { created: true, body: { id: fields.id, stored: true } };
  }

  private duplicateOf(existing: ScreenshotEntity, device: DeviceSession): UploadOutcome {
    if (existing.deviceId !== device.deviceId) {
      throw new ConflictError(
        'This id is taken by another capture; choose a new UUID.',
        'id-taken',
      );
    }
    return { created: false, body: { id: existing.id, duplicate: true } };
  }

  async list(
    p: Principal,
    q: OwnScreenshotsQueryDto & { employeeId: string },
  ): Promise<ScreenshotListDto> {
    this.assertNotEmployee(p);
    await this.scope.assertCanSeeEmployee(p, q.employeeId);
    const result = await this.page(p.organizationId, q.employeeId, q);
    if (q.employeeId !== p.employeeId) {
      await this.recordView(p, q.employeeId, {
        report: 'screenshots',
        from: q.from,
        to: q.to,
      });
    }
    return result;
  }

  async listOwn(p: Principal, q: OwnScreenshotsQueryDto): Promise<ScreenshotListDto> {
    if (!p.employeeId) return { items: [], nextCursor: null };
    return this.page(p.organizationId, p.employeeId, q);
  }

  private async page(
    organizationId: string,
    employeeId: string,
    q: OwnScreenshotsQueryDto,
  ): Promise<ScreenshotListDto> {
    const from = parseBound(q.from, false);
    const to = parseBound(q.to, true);
    if (to.getTime() <= from.getTime()) throw new BadRequestError('to must be after from.');
    const limit = q.limit ?? 200;
    const rows = await this.repository.page(
      organizationId,
      employeeId,
      from,
      to,
      limit + 1,
      decodeCursor(q.cursor),
    );
    const items = rows.slice(0, limit);
    return {
      items: items.map(toDto),
      nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null,
    };
  }

  /** The bytes (WebP) of an image or thumbnail someone in scope views; audited. */
  async view(p: Principal, id: string, kind: ImageKind): Promise<Buffer> {
    this.assertNotEmployee(p);
    const shot = await this.repository.findById(p.organizationId, id);
    if (!shot) throw new NotFoundError('Screenshot');
    await this.scope.assertCanSeeEmployee(p, shot.employeeId).catch(() => {
      throw new NotFoundError('Screenshot');
    });
    const bytes = await this.bytesOf(shot, kind);
    if (shot.employeeId !== p.employeeId) {
      await this.recordView(p, shot.employeeId, {
        report: kind === 'image' ? 'screenshot' : 'screenshot-thumbnail',
        screenshotId: shot.id,
        capturedAt: new Date(shot.capturedAt).toISOString(),
      });
    }
    return bytes;
  }

  async viewOwn(p: Principal, id: string, kind: ImageKind): Promise<Buffer> {
    const shot = await this.repository.findById(p.organizationId, id);
    if (!shot || !p.employeeId || shot.employeeId !== p.employeeId) {
      throw new NotFoundError('Screenshot');
    }
    return this.bytesOf(shot, kind);
  }

  private async bytesOf(shot: ScreenshotEntity, kind: ImageKind): Promise<Buffer> {
    const key = kind === 'image' ? shot.imageKey : shot.thumbnailKey;
    if (!key) {
      throw new NotFoundError(
        'Full image: this organization keeps thumbnails only (blur "thumbnails"), so the screenshot',
      );
    }
    const bytes = await this.storage.get(key);
    if (!bytes) {
      logger.warn({ screenshotId: shot.id, kind }, 'screenshot file missing from the store');
      throw new NotFoundError('Screenshot file');
    }
    return bytes;
  }

  /** The employee deletes their own capture (agent or console), within the delete window. */
  async deleteOwn(
    who: { organizationId: string; employeeId: string | null; userId?: string; role?: string },
    id: string,
    now = new Date(),
  ): Promise<void> {
    const shot = await this.repository.findById(who.organizationId, id);
    if (!shot || !who.employeeId || shot.employeeId !== who.employeeId) {
      throw new NotFoundError('Screenshot');
    }
    const { settings } = await this.settings.effectiveFor(who.organizationId, who.employeeId);
    if (
      now.getTime() - new Date(shot.capturedAt).getTime() >
      settings.deleteWindowHours * HOUR_MS
    ) {
      throw new DeleteWindowPassedError(settings.deleteWindowHours);
    }
    await this.remove([shot]);
    await this.audit.record({
      organizationId: who.organizationId,
      actorUserId: who.userId ?? null,
      actorRole: who.role ?? 'employee',
      action: 'screenshot.deleted',
      targetType: 'screenshot',
      targetId: shot.id,
      subjectEmployeeId: shot.employeeId,
    });
  }

  // ——— privacy duties (asked by the privacy module) ———

  /** A person's captures for an access request, with a reader of each one's kept bytes. */
  async personalData(organizationId: string, employeeId: string) {
    const rows = await this.repository.allOf(organizationId, employeeId);
    return rows.map((s) => ({
      ...toDto(s),
      kept: s.imageKey ? ('image' as const) : ('thumbnail' as const),
      read: () => this.storage.get(s.imageKey ?? s.thumbnailKey),
    }));
  }

  /** Erasure: every file and row of the person. Returns [files, rows] removed. */
  async erase(
    organizationId: string,
    employeeId: string,
  ): Promise<{ files: number; rows: number }> {
    const files = await this.storage.deletePrefix(`${organizationId}/${employeeId}`);
    const rows = await this.repository.deleteOf(organizationId, employeeId);
    return { files, rows };
  }

  /** Erasure's verification: what of the person is still stored (empty when nothing). */
  async remainsOf(organizationId: string, employeeId: string): Promise<string[]> {
    const findings: string[] = [];
    const keys = await this.storage.list(`${organizationId}/${employeeId}`);
    if (keys.length > 0) findings.push(`screenshot-storage:${keys.length} files`);
    if ((await this.repository.countOf(organizationId, employeeId)) > 0) {
      findings.push('screenshots');
    }
    return findings;
  }

  /** Retention: captures older than their scope's days go, files first. */
  async purgeExpired(organizationId: string, now: Date): Promise<number> {
    const retention = await this.settings.retention(organizationId);
    const scopes: { teamId: string | null; days: number }[] = [
      { teamId: null, days: retention.organizationDays },
      ...retention.teams,
    ];
    const teamIds = retention.teams.map((t) => t.teamId);
    let purged = 0;
    for (const s of scopes) {
      const cutoff = new Date(now.getTime() - s.days * DAY_MS);
      for (;;) {
        const batch = await this.repository.expired(
          organizationId,
          cutoff,
          s.teamId,
          teamIds,
          PURGE_BATCH,
        );
        if (batch.length === 0) break;
        purged += await this.remove(batch);
        if (batch.length < PURGE_BATCH) break;
      }
    }
    return purged;
  }

  /** A closed organization past its grace period: its whole folder. */
  purgeOrganization(organizationId: string): Promise<number> {
    return this.storage.deletePrefix(organizationId);
  }

  private async remove(shots: ScreenshotEntity[]): Promise<number> {
    const keys = shots.flatMap((s) => [s.imageKey, s.thumbnailKey]).filter((k): k is string => !!k);
    await this.storage.delete(keys);
    return this.repository.delete(shots.map((s) => s.id));
  }

  private assertNotEmployee(p: Principal): void {
    if (p.role === 'employee') {
      throw new ForbiddenError('Employees see their own screenshots under /me/screenshots.');
    }
  }

  private recordView(p: Principal, employeeId: string, details: Record<string, unknown>) {
    return this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'data.viewed',
      targetType: 'employee',
      targetId: employeeId,
      subjectEmployeeId: employeeId,
      details,
    });
  }
}
