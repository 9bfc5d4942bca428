import { Inject, Injectable } from '@nestjs/common';
import { PasswordService } from '#src/modules/accounts/auth/password.service.js';
import { SignupDto } from '#src/modules/accounts/auth/auth.dto.js';
import { newOrganizationWithOwner } from '#src/modules/accounts/organizations/new-organization.js';
import { OrganizationsRepository } from '#src/modules/accounts/organizations/organizations.repository.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { UsersRepository } from '#src/modules/accounts/users/users.repository.js';
import { AuditRepository } from '#src/modules/audit/audit.repository.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import { CliError, type CliCommand, type CliContext, type CliHandler } from '../cli-command.js';
import { PASSWORD_HELP, PASSWORD_OPTIONS, readPassword } from '../password-input.js';
import { stringOption, validateInput } from '../validate-input.js';

@Injectable()
export class CreateOwnerHandler implements CliHandler {
  constructor(
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async run(ctx: CliContext): Promise<void> {
    const password = await readPassword(ctx);
    const input = validateInput(
      SignupDto,
      {
        organizationName: stringOption(ctx.values.organization),
        fullName: stringOption(ctx.values.name),
        email: stringOption(ctx.values.email),
        password,
      },
      { organizationName: 'organization', fullName: 'name', email: 'email', password: 'password' },
    );
    this.passwords.assertAcceptable(input.password, { email: input.email });

    if (await this.users.findByEmail(input.email)) {
      throw new CliError(`A user with the email ${input.email} already exists.`);
    }
    const now = new Date();
    const { organization, owner } = newOrganizationWithOwner(
      { ...input, passwordHash: await this.passwords.hash(input.password) },
      now,
    );
    try {
      await this.organizations.createWithOwner(organization, owner);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new CliError(`A user with the email ${input.email} already exists.`);
      }
      throw error;
    }
    await this.audit.record({
      organizationId: organization.id,
      action: 'cli.owner-created',
      targetType: 'user',
      targetId: owner.id,
    });
    ctx.io.stdout(
      `Created organization "${organization.name}" (${organization.id}) with owner ${owner.email} (${owner.id}).\n`,
    );
  }
}

export const createOwnerCommand: CliCommand = {
  name: 'create-owner',
  summary: 'Create an organization and its owner account',
  usage: '--organization <name> --name <full name> --email <email> --password-stdin',
  description: `Creates an organization with its owner, as the sign-up page does, but also when sign-up is
closed (ALLOW_SIGNUP=false and an organization exists). The password policy is the console's: at least
10 characters, not a common password, not the email address.
${PASSWORD_HELP}

Example:
  printf '%s\\n' "$OWNER_PASSWORD" | calltimex-cli create-owner --organization "Acme Ltd" \\
      --name "Ada Lovelace" --email ada@acme.example --password-stdin`,
  options: {
    organization: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    ...PASSWORD_OPTIONS,
  },
  positionals: { min: 0, max: 0 },
  context: 'database',
  providers: [
    PasswordService,
    UsersRepository,
    OrganizationsRepository,
    AuditRepository,
    AuditService,
  ],
  handler: CreateOwnerHandler,
};
