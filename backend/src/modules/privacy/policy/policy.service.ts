import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { BadRequestError, ConflictError, NotFoundError } from '#src/common/errors/domain-error.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import type {
  CurrentPolicyDto,
  PolicyAcceptanceDto,
  PolicyVersionDto,
  PolicyVersionListDto,
  PublishedPolicyVersionDto,
  PublishPolicyVersionDto,
} from '../dto/policy.dto.js';
import { LANGUAGES, type LocalizedTexts } from '../entities/notice.entity.js';
import { PolicyAcceptanceEntity, PolicyVersionEntity } from '../entities/policy.entity.js';
import { PrivacyMail } from '../privacy-mail.js';
import { PrivacyRepository } from '../privacy.repository.js';
import { PolicyRepository } from './policy.repository.js';
import { DAY_MS } from '#src/common/time.js';

/** Privacy policy 8.2: a new version takes effect no earlier than 30 days after it is announced. */
export const POLICY_NOTICE_DAYS = 30;
/** A date computed by a client a moment before the request arrives is not refused for that moment. */
const CLOCK_TOLERANCE_MS = 10 * 60 * 1000;

function toDto(v: PolicyVersionEntity, now: Date): PolicyVersionDto {
  const effectiveAt = new Date(v.effectiveAt);
  return {
    id: v.id,
    version: v.version,
    texts: v.texts,
    authoritativeLanguage: v.authoritativeLanguage,
    ...(v.summary ? { summary: v.summary } : {}),
    publishedAt: new Date(v.publishedAt).toISOString(),
    effectiveAt: effectiveAt.toISOString(),
    inEffect: effectiveAt.getTime() <= now.getTime(),
  };
}

@Injectable()
export class PolicyService {
  constructor(
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(PrivacyRepository) private readonly privacy: PrivacyRepository,
    @Inject(PrivacyMail) private readonly mail: PrivacyMail,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async publish(
    p: Principal,
    dto: PublishPolicyVersionDto,
    now = new Date(),
  ): Promise<PublishedPolicyVersionDto> {
    const texts: LocalizedTexts = {};
    for (const lang of LANGUAGES) if (dto.texts[lang]) texts[lang] = dto.texts[lang];
    if (!texts[dto.authoritativeLanguage]) {
      throw new BadRequestError(
        `The authoritative language (${dto.authoritativeLanguage}) needs a text.`,
      );
    }
    const requested = new Date(dto.effectiveAt);
    const earliest = new Date(now.getTime() + POLICY_NOTICE_DAYS * DAY_MS);
    if (
      Number.isNaN(requested.getTime()) ||
      requested.getTime() < earliest.getTime() - CLOCK_TOLERANCE_MS
    ) {
      throw new BadRequestError(
        `effectiveAt must be at least ${POLICY_NOTICE_DAYS} days after publication (not before ${earliest.toISOString()}).`,
        'policy-effective-too-soon',
      );
    }
    const effectiveAt = requested < earliest ? earliest : requested;
    let version: PolicyVersionEntity | null = null;
    for (let attempt = 0; attempt < 5 && !version; attempt++) {
      const candidate = Object.assign(new PolicyVersionEntity(), {
        id: randomUUID(),
        organizationId: p.organizationId,
        version: await this.policies.nextVersion(p.organizationId),
        texts,
        authoritativeLanguage: dto.authoritativeLanguage,
        summary: dto.summary ?? null,
        publishedAt: now,
        effectiveAt,
        publishedByUserId: p.userId,
      });
      if (await this.policies.insert(candidate)) version = candidate;
    }
    if (!version) throw new ConflictError('Another version was published at the same time.');
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'policy.published',
      targetType: 'policy-version',
      targetId: version.id,
      details: { version: version.version, effectiveAt: effectiveAt.toISOString() },
    });
    // Privacy policy 8.1: every user hears of the change by mail.
    const users = await this.privacy.activeUsers(p.organizationId);
    const mailsQueued = await this.mail.toUsers(
      p.organizationId,
      users.map((u) => u.id),
      'policy-change',
      {
        version: String(version.version),
        publishedAt: now.toISOString(),
        effectiveAt: effectiveAt.toISOString(),
        policyUrl: this.mail.link('/privacy/policy'),
        ...(version.summary ? { summary: version.summary } : {}),
      },
      `policy-change:${version.id}`,
    );
    return { ...toDto(version, now), mailsQueued };
  }

  async list(p: Principal, now = new Date()): Promise<PolicyVersionListDto> {
    return { items: (await this.policies.list(p.organizationId)).map((v) => toDto(v, now)) };
  }

  async current(p: Principal, now = new Date()): Promise<CurrentPolicyDto> {
    const inForce = await this.policies.inForce(p.organizationId, now);
    if (!inForce) throw new NotFoundError('Policy version in force');
    const latest = (await this.policies.list(p.organizationId))[0];
    const acceptance = await this.policies.findAcceptance(p.userId, inForce.id);
    return {
      ...toDto(inForce, now),
      acceptedByMe: acceptance !== null,
      ...(acceptance ? { acceptedAt: new Date(acceptance.acceptedAt).toISOString() } : {}),
      ...(latest && latest.id !== inForce.id && new Date(latest.effectiveAt) > now
        ? { upcoming: toDto(latest, now) }
        : {}),
    };
  }

  async accept(
    p: Principal,
    versionNumber: number,
    now = new Date(),
  ): Promise<PolicyAcceptanceDto> {
    const version = await this.policies.findByVersion(p.organizationId, versionNumber);
    if (!version) throw new NotFoundError('Policy version');
    const saved = await this.policies.accept(
      Object.assign(new PolicyAcceptanceEntity(), {
        id: randomUUID(),
        organizationId: p.organizationId,
        userId: p.userId,
        employeeId: p.employeeId,
        policyVersionId: version.id,
        version: version.version,
        acceptedAt: now,
      }),
    );
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'policy.accepted',
      targetType: 'policy-version',
      targetId: version.id,
      subjectEmployeeId: p.employeeId,
      details: { version: version.version },
    });
    return { version: saved.version, acceptedAt: new Date(saved.acceptedAt).toISOString() };
  }
}
