import { Inject, Injectable } from '@nestjs/common';
import { JobsModule } from '#src/jobs/jobs.module.js';
import { AccountsModule } from '#src/modules/accounts/accounts.module.js';
import { NotificationsModule } from '#src/modules/notifications/notifications.module.js';
import { DemoModule } from '#src/modules/demo/demo.module.js';
import { DemoService } from '#src/modules/demo/demo.service.js';
import { LoadDemoDto } from '#src/modules/demo/dto/demo.dto.js';
import { CliRepository } from '../cli.repository.js';
import {
  CliUsageError,
  type CliCommand,
  type CliContext,
  type CliHandler,
} from '../cli-command.js';
import { intOption, stringOption, validateInput } from '../validate-input.js';

@Injectable()
export class DemoHandler implements CliHandler {
  constructor(
    @Inject(CliRepository) private readonly cli: CliRepository,
    @Inject(DemoService) private readonly demo: DemoService,
  ) {}

  async run(ctx: CliContext): Promise<void> {
    const action = ctx.positionals[0];
    if (action !== 'load' && action !== 'remove') {
      throw new CliUsageError(`Unknown action "${action}": use "demo load" or "demo remove".`);
    }
    const raw = {
      employees: intOption(ctx.values.employees, 'employees'),
      days: intOption(ctx.values.days, 'days'),
      seed: intOption(ctx.values.seed, 'seed'),
    };
    if (action === 'remove' && Object.values(raw).some((v) => v !== undefined)) {
      throw new CliUsageError('"demo remove" takes only --organization.');
    }
    const input = validateInput(LoadDemoDto, raw, {});
    const organizationId = await this.cli.chosenOrganization(stringOption(ctx.values.organization));
    let shown = -1;
    const progress = (done: number, total: number) => {
      const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
      if (percent === shown) return;
      shown = percent;
      ctx.io.stderr(`${action === 'load' ? 'Loading' : 'Removing'}: ${done}/${total} employees\n`);
    };
    if (action === 'load') {
      const options = this.demo.options(input);
      await this.demo.begin(organizationId, options);
      await this.demo.load(organizationId, progress);
      ctx.io.stdout(
        `Demo data loaded into organization ${organizationId}: ${options.employees} employees, ${options.days} days (seed ${options.seed}).\n`,
      );
    } else {
      await this.demo.beginRemoval(organizationId);
      await this.demo.remove(organizationId, progress);
      ctx.io.stdout(`Demo data removed from organization ${organizationId}.\n`);
    }
  }
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Load demo data into an empty organization, or remove it',
  usage: 'load|remove [--organization <id>] [--employees <1-200>] [--days <1-92>] [--seed <n>]',
  description: `"demo load" fills an organization that has no employees yet with a realistic one for a trial:
teams (Sales, Support, Engineering, Marketing), employees in several time zones with emails at
@demo.calltimex.invalid, a month of office and contact-centre activity sent in as their agents would,
productivity rules for the applications and sites they use, and a published monitoring notice
their demo devices acknowledged. The same --seed gives the same data.
"demo remove" erases every demo person as a privacy erasure does, then the demo's teams and rules.
Both print progress to standard error. --organization may be left out when the installation has
one organization. Defaults: 50 employees, 30 days, seed 17.`,
  options: {
    organization: { type: 'string' },
    employees: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
  },
  positionals: { min: 1, max: 1, names: ['load|remove'] },
  context: 'database',
  // Demo agents send their activity in: rollup passes and mail are queued.
  queues: true,
  imports: [
    JobsModule.forRoot('api', { expected: [] }),
    // Global in the api: accounts' sign-in links mail through it.
    NotificationsModule,
    AccountsModule,
    DemoModule,
  ],
  providers: [CliRepository],
  handler: DemoHandler,
};
