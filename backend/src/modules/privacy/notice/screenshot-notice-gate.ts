import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ScreenshotNotices,
  type ScreenshotNoticeSource,
  type ScreenshotNoticeState,
} from '#src/modules/screenshots/screenshot-notices.js';
import { NoticeRepository } from './notice.repository.js';

/** Tells screenshots (through its port) whether the notice in force covers them and who acknowledged it. */
@Injectable()
export class ScreenshotNoticeGate implements ScreenshotNoticeSource, OnModuleInit {
  constructor(
    @Inject(NoticeRepository) private readonly notices: NoticeRepository,
    @Inject(ScreenshotNotices) private readonly port: ScreenshotNotices,
  ) {}

  onModuleInit(): void {
    this.port.register(this);
  }

  async current(organizationId: string) {
    const notice = await this.notices.current(organizationId);
    return notice
      ? { version: notice.version, coversScreenshots: Boolean(notice.coversScreenshots) }
      : null;
  }

  async forEmployee(
    organizationId: string,
    employeeId: string,
  ): Promise<ScreenshotNoticeState | null> {
    const gate = await this.notices.gate(organizationId, employeeId);
    if (!gate) return null;
    return {
      version: gate.version,
      acknowledged: gate.acknowledged,
      coversScreenshots: gate.coversScreenshots,
    };
  }
}
