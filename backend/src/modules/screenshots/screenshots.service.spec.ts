import type { AccessScopeService } from '../accounts/access-scope.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ScreenshotSettingsDto } from './dto/screenshot-settings.dto.js';
import { ScreenshotEntity } from './entities/screenshot.entity.js';
import type { ScreenshotNoticeState, ScreenshotNotices } from './screenshot-notices.js';
import {
  SCREENSHOT_DEFAULTS,
  type ScreenshotSettingsService,
} from './screenshot-settings.service.js';
import type { ScreenshotsRepository } from './screenshots.repository.js';
import { ScreenshotsService } from './screenshots.service.js';
import { assertSafeKey, type ScreenshotStorage } from './storage/screenshot-storage.js';

const ORG = 'f1d1b1a6-1a36-4a52-9f43-4a1ed9e3c3a2';
const EMPLOYEE = '7d8f3f64-2b41-4d6e-8a50-2b9b8d1a6e77';
const device = { organizationId: ORG, employeeId: EMPLOYEE };

/** A fake whose every method not given throws: a test uses only what it means to. */
function strict<T extends object>(impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      if (key === 'then') return undefined;
      throw new Error(`unexpected call: ${String(key)}`);
    },
  }) as T;
}

function shot(overrides: Partial<ScreenshotEntity> = {}): ScreenshotEntity {
  return Object.assign(new ScreenshotEntity(), {
    id: '0b3f5c1e-9a43-4c84-a1d3-35d2b2f64b11',
    organizationId: ORG,
    employeeId: EMPLOYEE,
    deviceId: '3b7e0d43-8a5e-4d67-9a5c-0c2b1c9d8e11',
    teamId: null,
    capturedAt: new Date('2026-12-01T10:00:00Z'),
    width: 1920,
    height: 1080,
    blur: 'none',
    imageKey: `${ORG}/${EMPLOYEE}/2026-12/x.image.webp`,
    thumbnailKey: `${ORG}/${EMPLOYEE}/2026-12/x.thumb.webp`,
    storedBytes: 1000,
    createdAt: new Date('2026-12-01T10:00:01Z'),
    ...overrides,
  });
}

function service(opts: {
  settings?: Partial<ScreenshotSettingsDto>;
  notice?: ScreenshotNoticeState | null;
  repository?: Partial<ScreenshotsRepository>;
  storage?: Partial<ScreenshotStorage>;
  audit?: Partial<AuditService>;
}) {
  const settings = strict<ScreenshotSettingsService>({
    effectiveFor: () =>
      Promise.resolve({ settings: { ...SCREENSHOT_DEFAULTS, ...opts.settings }, teamId: null }),
  });
  const notices = strict<ScreenshotNotices>({
    forEmployee: () => Promise.resolve(opts.notice ?? null),
  });
  return new ScreenshotsService(
    strict<ScreenshotsRepository>(opts.repository ?? {}),
    settings,
    notices,
    strict<ScreenshotStorage>(opts.storage ?? {}),
    strict<AccessScopeService>({}),
    strict<AuditService>(opts.audit ?? {}),
  );
}

describe('ScreenshotsService.policy', () => {
  const covered = { version: 3, coversScreenshots: true, acknowledged: true };

  it('is off by default, whatever the notice says', async () => {
    const policy = await service({ notice: covered }).policy(device);
    expect(policy).toMatchObject({ enabled: false, reason: 'off', noticeVersion: 3 });
  });

  it('needs a notice version that covers screenshots', async () => {
    for (const notice of [null, { ...covered, coversScreenshots: false }]) {
      const policy = await service({ settings: { enabled: true }, notice }).policy(device);
      expect(policy).toMatchObject({ enabled: false, reason: 'notice-does-not-cover-screenshots' });
    }
  });

  it('needs the employee’s acknowledgement of that version', async () => {
    const policy = await service({
      settings: { enabled: true },
      notice: { ...covered, acknowledged: false },
    }).policy(device);
    expect(policy).toMatchObject({ enabled: false, reason: 'notice-not-acknowledged' });
  });

  it('is on with the settings the agent needs when all three hold', async () => {
    const policy = await service({
      settings: { enabled: true, intervalSeconds: 900, randomize: true, excludedApps: ['KeePass'] },
      notice: covered,
    }).policy(device);
    expect(policy).toEqual({
      enabled: true,
      intervalSeconds: 900,
      randomize: true,
      excludedApps: ['KeePass'],
      excludedSites: [],
      maxWidth: 1920,
      format: 'jpeg',
      quality: 70,
      noticeVersion: 3,
    });
  });
});

describe('ScreenshotsService.deleteOwn', () => {
  const captured = shot();
  const at = (hours: number) => new Date(captured.capturedAt.getTime() + hours * 3_600_000);

  it('deletes the files and the row within the window, and audits it', async () => {
    const deleted: string[][] = [];
    const audited: string[] = [];
    const s = service({
      settings: { deleteWindowHours: 24 },
      repository: {
        findById: () => Promise.resolve(captured),
        delete: (ids: string[]) => Promise.resolve(ids.length),
      },
      storage: { delete: (keys: string[]) => (deleted.push(keys), Promise.resolve(keys.length)) },
      audit: { record: (r) => (audited.push(r.action), Promise.resolve()) },
    });
    await s.deleteOwn(device, captured.id, at(23));
    expect(deleted).toEqual([[captured.imageKey, captured.thumbnailKey]]);
    expect(audited).toEqual(['screenshot.deleted']);
  });

  it('refuses after the window and for another employee', async () => {
    const s = service({
      settings: { deleteWindowHours: 24 },
      repository: { findById: () => Promise.resolve(captured) },
    });
    await expect(s.deleteOwn(device, captured.id, at(25))).rejects.toMatchObject({
      status: 409,
      code: 'delete-window-passed',
    });
    await expect(
      s.deleteOwn(
        { ...device, employeeId: '11111111-2222-4333-8444-555555555555' },
        captured.id,
        at(1),
      ),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('assertSafeKey', () => {
  it('accepts keys made of ids and refuses anything that could leave the store', () => {
    expect(() => assertSafeKey(`${ORG}/${EMPLOYEE}/2026-12/x.thumb.webp`)).not.toThrow();
    for (const bad of [
      '../etc/passwd',
      `${ORG}/../x`,
      '/abs/path',
      `${ORG}//x`,
      '',
      `${ORG}/.hidden`,
    ]) {
      expect(() => assertSafeKey(bad)).toThrow();
    }
  });
});
