import { Inject, Injectable } from '@nestjs/common';
import { BadRequestError } from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import type { MailPreferencesDto, UpdateMailPreferencesDto } from './dto/notifications.dto.js';
import {
  CATEGORY_DEFAULTS,
  MAIL_CATEGORIES,
  OPTIONAL_CATEGORIES,
  isOptional,
  type OptionalCategory,
} from './mail-catalog.js';
import { MailDirectory } from './mail-directory.js';
import { NotificationsRepository } from './notifications.repository.js';
import { verifyUnsubscribeToken } from './unsubscribe-token.js';

/** Which optional mail a user receives; set in the console or by the link in a mail. */
@Injectable()
export class PreferencesService {
  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(MailDirectory) private readonly directory: MailDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(userId: string): Promise<MailPreferencesDto> {
    const saved = new Map(
      (await this.repository.findPreferences(userId)).map((p) => [p.category, p.enabled]),
    );
    return {
      items: MAIL_CATEGORIES.map((category) =>
        isOptional(category)
          ? { category, enabled: saved.get(category) ?? CATEGORY_DEFAULTS[category], locked: false }
          : { category, enabled: true, locked: true },
      ),
    };
  }

  async update(
    organizationId: string,
    userId: string,
    dto: UpdateMailPreferencesDto,
  ): Promise<MailPreferencesDto> {
    for (const category of OPTIONAL_CATEGORIES) {
      const enabled = dto[category];
      if (enabled !== undefined) {
        await this.repository.savePreference(organizationId, userId, category, enabled, 'console');
      }
    }
    return this.get(userId);
  }

  /** Checks the link's signature; nothing changes. */
  async describeToken(token: string): Promise<{ category: OptionalCategory; email: string }> {
    const { category, user } = await this.resolve(token);
    return { category, email: user.email };
  }

  async unsubscribe(
    token: string,
    source: 'unsubscribe-link' | 'one-click',
  ): Promise<OptionalCategory> {
    const { category, user } = await this.resolve(token);
    await this.repository.savePreference(user.organizationId, user.id, category, false, source);
    return category;
  }

  private async resolve(token: string) {
    const verified = verifyUnsubscribeToken(this.config.auth.jwtSecret, token);
    const user = verified ? await this.directory.userById(verified.userId) : null;
    if (!verified || !user) {
      throw new BadRequestError('This unsubscribe link is not valid.', 'invalid-unsubscribe-link');
    }
    return { category: verified.category, user };
  }
}
