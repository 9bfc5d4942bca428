import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { maskedConfig } from '../mask-config.js';
import type { CliCommand, CliContext, CliHandler } from '../cli-command.js';

@Injectable()
export class ShowConfigHandler implements CliHandler {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  run(ctx: CliContext): Promise<void> {
    ctx.io.stdout(`${JSON.stringify(maskedConfig(this.config), null, 2)}\n`);
    return Promise.resolve();
  }
}

export const showConfigCommand: CliCommand = {
  name: 'show-config',
  summary: 'Print the effective configuration as JSON, secrets masked',
  usage: '',
  description: `Validates the environment exactly as the api does (every bad variable is listed at once, exit
code 1) and prints the resulting configuration as JSON. Secrets (JWT_SECRET, billing keys, passwords in
DATABASE_URL, REDIS_URL and SMTP_URL) are masked; nothing is written or connected to.`,
  options: {},
  positionals: { min: 0, max: 0 },
  // The configuration only: nothing is connected to.
  context: 'config',
  handler: ShowConfigHandler,
};
