import { DomainEvents } from '../../common/events/domain-events.js';
import type { Principal } from '../../common/auth/principal.js';
import { OrganizationsRepository } from '../../modules/accounts/organizations/organizations.repository.js';
import { CreateEnrollmentTokenDto } from '../../modules/agent/dto/enrollment-token.dto.js';
import { DevicesRepository } from '../../modules/agent/devices.repository.js';
import { EnrollmentChecks } from '../../modules/agent/enrollment-checks.js';
import { EnrollmentService } from '../../modules/agent/enrollment.service.js';
import { EnrollmentTokensRepository } from '../../modules/agent/enrollment-tokens.repository.js';
import { AuditRepository } from '../../modules/audit/audit.repository.js';
import { AuditService } from '../../modules/audit/audit.service.js';
import { CliRepository } from '../cli.repository.js';
import { CliError, CliUsageError, type CliCommand } from '../cli-command.js';
import { migratedDataSource } from '../schema-check.js';
import { intOption, stringOption, validateInput } from '../validate-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  async run(ctx) {
    const input = validateInput(
      CreateEnrollmentTokenDto,
      {
        expiresInHours: intOption(ctx.values['expires-in-hours'], 'expires-in-hours'),
        maxUses: intOption(ctx.values['max-uses'], 'max-uses'),
      },
      { expiresInHours: 'expires-in-hours', maxUses: 'max-uses' },
    );
    const wanted = stringOption(ctx.values.organization);
    if (wanted !== undefined && !UUID.test(wanted)) {
      throw new CliUsageError('--organization must be an organization id (a UUID)');
    }
    const dataSource = await migratedDataSource(ctx);
    const organizations = new CliRepository(dataSource);
    let organizationId: string;
    if (wanted) {
      const found = await new OrganizationsRepository(dataSource).findById(wanted);
      if (!found) throw new CliError(`No organization has the id ${wanted}.`);
      organizationId = found.id;
    } else {
      const some = await organizations.organizations(2);
      if (some.length === 0) throw new CliError('There is no organization yet: run create-owner.');
      if (some.length > 1) {
        throw new CliError('Several organizations exist: choose one with --organization <id>.');
      }
      organizationId = some[0].id;
    }
    // No user issues it: the token's creator stays empty (the column is nullable for this).
    const issuer = { organizationId, userId: null } as unknown as Principal;
    const created = await new EnrollmentService(
      new EnrollmentTokensRepository(dataSource),
      new DevicesRepository(dataSource),
      new EnrollmentChecks(),
      // Issuing a token publishes nothing; enrollment itself runs in the api.
      new DomainEvents(dataSource),
    ).createToken(issuer, input);
    await new AuditService(new AuditRepository(dataSource)).record({
      organizationId,
      action: 'cli.enrollment-token-issued',
      targetType: 'enrollment-token',
      targetId: created.id,
    });
    ctx.io.stdout(`${created.token}\n`);
    ctx.io.stderr(
      `Enrollment token ${created.id} for organization ${organizationId}, expires ${created.expiresAt}, ${created.maxUses === null ? 'unlimited uses' : `${created.maxUses} use(s)`}.\n`,
    );
  },
};
