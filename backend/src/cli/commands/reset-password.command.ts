import { LoginAttemptsRepository } from '../../modules/accounts/auth/login-attempts.repository.js';
import { PasswordService } from '../../modules/accounts/auth/password.service.js';
import { SessionsRepository } from '../../modules/accounts/auth/sessions.repository.js';
import { sha256 } from '../../modules/accounts/auth/token.service.js';
import { UsersRepository } from '../../modules/accounts/users/users.repository.js';
import { AuditRepository } from '../../modules/audit/audit.repository.js';
import { AuditService } from '../../modules/audit/audit.service.js';
import { CliError, CliUsageError, type CliCommand } from '../cli-command.js';
import { PASSWORD_HELP, PASSWORD_OPTIONS, readPassword } from '../password-input.js';
import { migratedDataSource } from '../schema-check.js';
import { stringOption } from '../validate-input.js';

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
  async run(ctx) {
    const email = stringOption(ctx.values.email)?.trim().toLowerCase();
    if (!email) throw new CliUsageError('--email is required');
    const password = await readPassword(ctx);
    const passwords = new PasswordService();
    passwords.assertAcceptable(password, { email });

    const dataSource = await migratedDataSource(ctx);
    const user = await new UsersRepository(dataSource).findByEmail(email);
    if (!user) throw new CliError(`No user has the email ${email}.`);
    if (user.status !== 'active') {
      throw new CliError(
        `The user ${email} is ${user.status}: ${user.status === 'invited' ? 'they set their password from the invitation' : 'reactivate them in the console first'}.`,
      );
    }
    const now = new Date();
    await new UsersRepository(dataSource).update(user.organizationId, user.id, {
      passwordHash: await passwords.hash(password),
    });
    await new SessionsRepository(dataSource).revokeAllForUser(
      user.organizationId,
      user.id,
      'password-reset',
      now,
    );
    await new LoginAttemptsRepository(dataSource).deleteForEmail(sha256(email));
    await new AuditService(new AuditRepository(dataSource)).record({
      organizationId: user.organizationId,
      action: 'cli.password-reset',
      targetType: 'user',
      targetId: user.id,
    });
    ctx.io.stdout(`Password of ${email} set; all their sessions are signed out.\n`);
  },
};
