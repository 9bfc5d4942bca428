import { Inject, Injectable } from '@nestjs/common';
import { LoginAttemptsRepository } from '#src/modules/accounts/auth/login-attempts.repository.js';
import { PasswordService } from '#src/modules/accounts/auth/password.service.js';
import { SessionsRepository } from '#src/modules/accounts/auth/sessions.repository.js';
import { sha256 } from '#src/modules/accounts/auth/token.service.js';
import { UsersRepository } from '#src/modules/accounts/users/users.repository.js';
import { AuditRepository } from '#src/modules/audit/audit.repository.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import {
  CliError,
  CliUsageError,
  type CliCommand,
  type CliContext,
  type CliHandler,
} from '../cli-command.js';
import { PASSWORD_HELP, PASSWORD_OPTIONS, readPassword } from '../password-input.js';
import { stringOption } from '../validate-input.js';

@Injectable()
export class ResetPasswordHandler implements CliHandler {
  constructor(
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(LoginAttemptsRepository) private readonly loginAttempts: LoginAttemptsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async run(ctx: CliContext): Promise<void> {
    const email = stringOption(ctx.values.email)?.trim().toLowerCase();
    if (!email) throw new CliUsageError('--email is required');
    const password = await readPassword(ctx);
    this.passwords.assertAcceptable(password, { email });

    const user = await this.users.findByEmail(email);
    if (!user) throw new CliError(`No user has the email ${email}.`);
    if (user.status !== 'active') {
      throw new CliError(
        `The user ${email} is ${user.status}: ${user.status === 'invited' ? 'they set their password from the invitation' : 'reactivate them in the console first'}.`,
      );
    }
    const now = new Date();
    await this.users.update(user.organizationId, user.id, {
      passwordHash: await this.passwords.hash(password),
    });
    await this.sessions.revokeAllForUser(user.organizationId, user.id, 'password-reset', now);
    await this.loginAttempts.deleteForEmail(sha256(email));
    await this.audit.record({
      organizationId: user.organizationId,
      action: 'cli.password-reset',
      targetType: 'user',
      targetId: user.id,
    });
    ctx.io.stdout(`Password of ${email} set; all their sessions are signed out.\n`);
  }
}

export const resetPasswordCommand: CliCommand = {
  name: 'reset-password',
  summary: "Set a user's password and sign them out everywhere",
  usage: '--email <email> --password-stdin',
  description: `Sets a new password for an active user (for instance an owner who lost theirs and has no mail),
ends every session of that user and clears the sign-in lockout of the email address. The password
policy is the console's.
${PASSWORD_HELP}

Example:
  printf '%s\\n' "$NEW_PASSWORD" | calltimex-cli reset-password --email ada@acme.example --password-stdin`,
  options: { email: { type: 'string' }, ...PASSWORD_OPTIONS },
  positionals: { min: 0, max: 0 },
  context: 'database',
  providers: [
    PasswordService,
    UsersRepository,
    SessionsRepository,
    LoginAttemptsRepository,
    AuditRepository,
    AuditService,
  ],
  handler: ResetPasswordHandler,
};
