import { Injectable } from '@nestjs/common';

/** The current monitoring notice as it concerns one person's screenshots. */
export interface ScreenshotNoticeState {
  version: number;
  coversScreenshots: boolean;
  acknowledged: boolean;
}

export interface ScreenshotNoticeSource {
  /** The organization's published notice in force (null: none) and whether it covers screenshots. */
  current(organizationId: string): Promise<{ version: number; coversScreenshots: boolean } | null>;
  /** The same, with whether this employee acknowledged that version. */
  forEmployee(organizationId: string, employeeId: string): Promise<ScreenshotNoticeState | null>;
}

/**
 * The port through which privacy (above this module) tells screenshots about the monitoring notice:
 * privacy registers its source when it starts. With no source, no notice covers screenshots, so
 * nothing is captured.
 */
@Injectable()
export class ScreenshotNotices {
  private source: ScreenshotNoticeSource | null = null;

  register(source: ScreenshotNoticeSource): void {
    this.source = source;
  }

  current(organizationId: string) {
    return this.source ? this.source.current(organizationId) : Promise.resolve(null);
  }

  forEmployee(organizationId: string, employeeId: string) {
    return this.source
      ? this.source.forEmployee(organizationId, employeeId)
      : Promise.resolve(null);
  }
}
