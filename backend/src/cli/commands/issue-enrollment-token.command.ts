import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { OrganizationsRepository } from '#src/modules/accounts/organizations/organizations.repository.js';
import { CreateEnrollmentTokenDto } from '#src/modules/agent/dto/enrollment-token.dto.js';
import { DevicesRepository } from '#src/modules/agent/devices.repository.js';
import { EnrollmentChecks } from '#src/modules/agent/enrollment-checks.js';
import { EnrollmentService } from '#src/modules/agent/enrollment.service.js';
import { EnrollmentTokensRepository } from '#src/modules/agent/enrollment-tokens.repository.js';
import { AuditRepository } from '#src/modules/audit/audit.repository.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import { CliRepository } from '../cli.repository.js';
import type { CliCommand, CliContext, CliHandler } from '../cli-command.js';
import { intOption, stringOption, validateInput } from '../validate-input.js';

@Injectable()
export class IssueEnrollmentTokenHandler implements CliHandler {
  constructor(
    @Inject(CliRepository) private readonly cli: CliRepository,
    @Inject(EnrollmentService) private readonly enrollment: EnrollmentService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async run(ctx: CliContext): Promise<void> {
    const input = validateInput(
      CreateEnrollmentTokenDto,
      {
        expiresInHours: intOption(ctx.values['expires-in-hours'], 'expires-in-hours'),
        maxUses: intOption(ctx.values['max-uses'], 'max-uses'),
      },
      { expiresInHours: 'expires-in-hours', maxUses: 'max-uses' },
    );
    const organizationId = await this.cli.chosenOrganization(stringOption(ctx.values.organization));
    // No user issues it: the token's creator stays empty (the column is nullable for this).
    const issuer = { organizationId, userId: null } as unknown as Principal;
    const created = await this.enrollment.createToken(issuer, input);
    await this.audit.record({
      organizationId,
      action: 'cli.enrollment-token-issued',
      targetType: 'enrollment-token',
      targetId: created.id,
    });
    ctx.io.stdout(`${created.token}\n`);
    ctx.io.stderr(
      `Enrollment token ${created.id} for organization ${organizationId}, expires ${created.expiresAt}, ${created.maxUses === null ? 'unlimited uses' : `${created.maxUses} use(s)`}.\n`,
    );
  }
}

export const issueEnrollmentTokenCommand: CliCommand = {
  name: 'issue-enrollment-token',
  summary: 'Issue an agent enrollment token (printed once)',
  usage: '[--organization <id>] [--expires-in-hours <1-8760>] [--max-uses <n>]',
  description: `Issues an enrollment token for rolling the agent out, as the console's Devices page does. The
token alone goes to standard output (for scripts: TOKEN=$(calltimex-cli issue-enrollment-token));
its id, expiry and organization go to standard error. It is shown once and stored only as a hash.
--organization may be left out when the installation has one organization.
Defaults: expires in 168 hours (7 days), unlimited uses.`,
  options: {
    organization: { type: 'string' },
    'expires-in-hours': { type: 'string' },
    'max-uses': { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  context: 'database',
  providers: [
    OrganizationsRepository,
    CliRepository,
    EnrollmentTokensRepository,
    DevicesRepository,
    // Without billing's seat limit: issuing a token enrolls no one (enrollment runs in the api).
    EnrollmentChecks,
    EnrollmentService,
    AuditRepository,
    AuditService,
  ],
  handler: IssueEnrollmentTokenHandler,
};
