import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { BadRequestError, ConflictError, NotFoundError } from '#src/common/errors/domain-error.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import type { DeviceSession } from '#src/modules/agent/devices.repository.js';
import type {
  AcknowledgeNoticeDto,
  AgentNoticeDto,
  MissingAcknowledgementsDto,
  NoticeAcknowledgementDto,
  NoticeDto,
  NoticeListDto,
} from '../dto/notice.dto.js';
import {
  LANGUAGES,
  MonitoringNoticeEntity,
  NoticeAcknowledgementEntity,
  type Language,
  type LocalizedTexts,
} from '../entities/notice.entity.js';
import { PrivacyRepository } from '../privacy.repository.js';
import { NoticeRepository } from './notice.repository.js';

function cleanTexts(texts: LocalizedTexts): LocalizedTexts {
  const out: LocalizedTexts = {};
  for (const lang of LANGUAGES) if (texts[lang]) out[lang] = texts[lang];
  if (Object.keys(out).length === 0) {
    throw new BadRequestError('The notice needs a text in at least one of en, ru, uk.');
  }
  return out;
}

function toDto(n: MonitoringNoticeEntity): NoticeDto {
  return {
    id: n.id,
    version: n.version,
    texts: n.texts,
    status: n.publishedAt ? 'published' : 'draft',
    coversScreenshots: Boolean(n.coversScreenshots),
    ...(n.publishedAt ? { publishedAt: new Date(n.publishedAt).toISOString() } : {}),
    createdAt: new Date(n.createdAt).toISOString(),
  };
}

/** The monitoring notice (privacy policy 1.8): drafts, publication, the agent's view, acknowledgements. */
@Injectable()
export class NoticeService {
  constructor(
    @Inject(NoticeRepository) private readonly notices: NoticeRepository,
    @Inject(PrivacyRepository) private readonly privacy: PrivacyRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(p: Principal): Promise<NoticeListDto> {
    const items = await this.notices.list(p.organizationId);
    return { items: items.map(toDto), needsPublishing: !items.some((n) => n.publishedAt) };
  }

  async createDraft(
    p: Principal,
    texts: LocalizedTexts,
    coversScreenshots = false,
  ): Promise<NoticeDto> {
    const clean = cleanTexts(texts);
    for (let attempt = 0; attempt < 5; attempt++) {
      const notice = Object.assign(new MonitoringNoticeEntity(), {
        id: randomUUID(),
        organizationId: p.organizationId,
        version: await this.notices.nextVersion(p.organizationId),
        texts: clean,
        coversScreenshots,
        publishedAt: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      if (await this.notices.insert(notice)) {
        await this.audit.record({
          organizationId: p.organizationId,
          actorUserId: p.userId,
          actorRole: p.role,
          action: 'notice.drafted',
          targetType: 'notice',
          targetId: notice.id,
          details: { version: notice.version, coversScreenshots },
        });
        return toDto(notice);
      }
    }
    throw new ConflictError('Another draft was created at the same time; try again.');
  }

  async updateDraft(
    p: Principal,
    id: string,
    texts: LocalizedTexts,
    coversScreenshots?: boolean,
  ): Promise<NoticeDto> {
    const notice = await this.findOwn(p, id);
    if (notice.publishedAt) {
      throw new ConflictError(
        'A published notice cannot change; write a new version.',
        'notice-published',
      );
    }
    notice.texts = cleanTexts(texts);
    if (coversScreenshots !== undefined) notice.coversScreenshots = coversScreenshots;
    await this.notices.update(id, {
      texts: notice.texts,
      coversScreenshots: Boolean(notice.coversScreenshots),
    });
    return toDto(notice);
  }

  async publish(p: Principal, id: string, coversScreenshots?: boolean): Promise<NoticeDto> {
    const notice = await this.findOwn(p, id);
    if (notice.publishedAt) return toDto(notice);
    const current = await this.notices.current(p.organizationId);
    if (current && current.version > notice.version) {
      throw new ConflictError(
        `Version ${current.version} is already published; this older draft cannot follow it.`,
        'notice-outdated',
      );
    }
    notice.publishedAt = new Date();
    if (coversScreenshots !== undefined) notice.coversScreenshots = coversScreenshots;
    await this.notices.update(id, {
      publishedAt: notice.publishedAt,
      coversScreenshots: Boolean(notice.coversScreenshots),
    });
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'notice.published',
      targetType: 'notice',
      targetId: notice.id,
      details: { version: notice.version, coversScreenshots: Boolean(notice.coversScreenshots) },
    });
    return toDto(notice);
  }

  async current(p: Principal): Promise<NoticeDto> {
    const notice = await this.notices.current(p.organizationId);
    if (!notice) throw new NotFoundError('Published notice');
    return toDto(notice);
  }

  async missing(p: Principal): Promise<MissingAcknowledgementsDto> {
    const notice = await this.notices.current(p.organizationId);
    if (!notice) return { version: null, items: [] };
    const rows = await this.notices.missing(p.organizationId, notice.version);
    return {
      version: notice.version,
      items: rows.map((r) => ({
        employeeId: r.id,
        fullName: r.fullName,
        email: r.email,
        teamId: r.teamId,
      })),
    };
  }

  async forAgent(device: DeviceSession, language?: Language): Promise<AgentNoticeDto> {
    const notice = await this.notices.current(device.organizationId);
    if (!notice) throw new NotFoundError('Published notice');
    const organization = await this.privacy.findOrganization(device.organizationId);
    const preferred = [language, organization?.locale, 'en', ...LANGUAGES];
    const chosen = preferred.find(
      (l): l is Language =>
        !!l && (LANGUAGES as readonly string[]).includes(l) && !!notice.texts[l as Language],
    );
    const lang = chosen ?? 'en';
    const gate = await this.notices.gate(device.organizationId, device.employeeId);
    return {
      version: notice.version,
      text: notice.texts[lang] ?? '',
      language: lang,
      acknowledged: gate?.acknowledged ?? false,
      coversScreenshots: Boolean(notice.coversScreenshots),
    };
  }

  async acknowledge(
    device: DeviceSession,
    dto: AcknowledgeNoticeDto,
  ): Promise<NoticeAcknowledgementDto> {
    const notice = await this.notices.current(device.organizationId);
    if (!notice) throw new NotFoundError('Published notice');
    if (dto.version !== notice.version) {
      throw new ConflictError(
        `Version ${dto.version} is not the current notice (version ${notice.version}); fetch it again.`,
        'notice-version-outdated',
      );
    }
    const ack = await this.notices.acknowledge(
      Object.assign(new NoticeAcknowledgementEntity(), {
        id: randomUUID(),
        organizationId: device.organizationId,
        employeeId: device.employeeId,
        deviceId: device.deviceId,
        version: notice.version,
        language: dto.language ?? 'en',
        acknowledgedAt: new Date(),
      }),
    );
    await this.audit.record({
      organizationId: device.organizationId,
      action: 'notice.acknowledged',
      targetType: 'device',
      targetId: device.deviceId,
      subjectEmployeeId: device.employeeId,
      details: { version: notice.version },
    });
    return {
      version: ack.version,
      employeeId: ack.employeeId,
      deviceId: ack.deviceId,
      acknowledgedAt: new Date(ack.acknowledgedAt).toISOString(),
    };
  }

  private async findOwn(p: Principal, id: string): Promise<MonitoringNoticeEntity> {
    const notice = await this.notices.findById(p.organizationId, id);
    if (!notice) throw new NotFoundError('Notice');
    return notice;
  }
}
