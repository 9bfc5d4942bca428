import { maskedConfig } from '../mask-config.js';
import type { CliCommand } from '../cli-command.js';

export const showConfigCommand: CliCommand = {
  name: 'show-config',
  summary: 'Print the effective configuration as JSON, secrets masked',
  usage: '',
  description: `Validates the environment exactly as the api does (every bad variable is listed at once, exit
code 1) and prints the resulting configuration as JSON. Secrets (JWT_SECRET, billing keys, passwords in
DATABASE_URL, REDIS_URL and SMTP_URL) are masked; nothing is written or connected to.`,
  options: {},
  positionals: { min: 0, max: 0 },
  run(ctx) {
    ctx.io.stdout(`${JSON.stringify(maskedConfig(ctx.config()), null, 2)}\n`);
    return Promise.resolve();
  },
};
