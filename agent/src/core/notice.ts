import { ApiError } from './api-client.js';
import type { Logger, StateStore } from './ports.js';
import type { Notice, NoticeVersion } from './types.js';

export interface NoticeApi {
  getNotice(language?: string): Promise<Notice | null>;
  acknowledgeNotice(version: NoticeVersion, language?: string): Promise<void>;
}

/** The notice languages the product speaks; others get the organization's authoritative one. */
export const NOTICE_LANGUAGES = ['en', 'ru', 'uk'] as const;

/** `uk_UA.UTF-8`, `ru-RU`, `en` → one of ours, or undefined. */
export function noticeLanguage(locale: string | undefined): string | undefined {
  const language = locale?.slice(0, 2).toLowerCase();
  return (NOTICE_LANGUAGES as readonly string[]).includes(language ?? '') ? language : undefined;
}

/** What the agent knows about the organization's monitoring notice. */
export type NoticeKnowledge =
  { kind: 'unknown' } | { kind: 'none' } | { kind: 'notice'; notice: Notice };

/**
 * Tracking starts only once the current notice is acknowledged (or the server says there is none).
 * Until the server has been asked once, nothing is tracked. An acknowledgement made offline counts
 * locally at once and is sent when the server answers again.
 */
export class NoticeGate {
  constructor(
    private readonly store: StateStore,
    private readonly api: () => NoticeApi | null,
    private readonly logger: Logger,
    private readonly language?: string,
  ) {}

  knowledge(): NoticeKnowledge {
    const raw = this.store.get('notice');
    return raw ? (JSON.parse(raw) as NoticeKnowledge) : { kind: 'unknown' };
  }

  acknowledgedVersion(): string | null {
    return this.store.get('notice.acknowledged');
  }

  /** The notice the person still has to acknowledge, if any. */
  pending(): Notice | null {
    const known = this.knowledge();
    if (known.kind !== 'notice') return null;
    return this.acknowledgedVersion() === String(known.notice.version) ? null : known.notice;
  }

  trackingAllowed(): boolean {
    const known = this.knowledge();
    return known.kind === 'none' || (known.kind === 'notice' && this.pending() === null);
  }

  async refresh(): Promise<void> {
    const api = this.api();
    if (api === null) return;
    try {
      const notice = await api.getNotice(this.language);
      const known: NoticeKnowledge = notice ? { kind: 'notice', notice } : { kind: 'none' };
      this.store.set('notice', JSON.stringify(known));
      // Acknowledged by this person before (another device, a reinstall): not asked again.
      if (notice?.acknowledged === true) {
        this.store.set('notice.acknowledged', String(notice.version));
      }
    } catch (error) {
      this.logger.warn('notice not fetched; keeping what is known', { error: String(error) });
    }
    await this.sendPendingAcknowledgement();
  }

  async acknowledge(version: NoticeVersion): Promise<void> {
    const known = this.knowledge();
    if (known.kind !== 'notice' || String(known.notice.version) !== String(version)) {
      throw new Error(`notice version ${String(version)} is not the current one`);
    }
    this.store.set('notice.acknowledged', String(version));
    this.store.set(
      'notice.unsent',
      JSON.stringify({ version: known.notice.version, language: known.notice.language }),
    );
    await this.sendPendingAcknowledgement();
  }

  private async sendPendingAcknowledgement(): Promise<void> {
    const unsent = this.store.get('notice.unsent');
    const api = this.api();
    if (unsent === null || api === null) return;
    const { version, language } = JSON.parse(unsent) as {
      version: NoticeVersion;
      language?: string;
    };
    try {
      await api.acknowledgeNotice(version, language);
      this.store.set('notice.unsent', null);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
        // Superseded by a newer version (or refused): sending it again cannot help.
        this.logger.warn('notice acknowledgement refused', { version, status: error.status });
        this.store.set('notice.unsent', null);
        return;
      }
      this.logger.warn('notice acknowledgement not sent yet', { error: String(error) });
    }
  }
}
