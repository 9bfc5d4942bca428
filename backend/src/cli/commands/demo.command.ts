import { type DynamicModule, Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '../../common/logging/logger.js';

import { DataSource } from 'typeorm';
import { RedisModule } from '../../common/redis.module.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { RUN_MIGRATIONS } from '../../database/database.module.js';
import { ReadReplicas } from '../../database/replicas/read-replicas.js';
import { JobsModule } from '../../jobs/jobs.module.js';
import { OrganizationsRepository } from '../../modules/accounts/organizations/organizations.repository.js';
import { NotificationsModule } from '../../modules/notifications/notifications.module.js';
import { DemoModule } from '../../modules/demo/demo.module.js';
import { DemoService } from '../../modules/demo/demo.service.js';
import { LoadDemoDto } from '../../modules/demo/dto/demo.dto.js';
import { CliRepository } from '../cli.repository.js';
import { CliError, CliUsageError, type CliCommand, type CliContext } from '../cli-command.js';
import { migratedDataSource } from '../schema-check.js';
import { intOption, stringOption, validateInput } from '../validate-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The demo's services in a Nest container without HTTP or migrations; jobs are only produced. */
/** What CoreModule gives the api, on the CLI's own (already checked) database connection. */
@Global()
@Module({})
class DemoCliCoreModule {
  static forRoot(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: DemoCliCoreModule,
      imports: [RedisModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RUN_MIGRATIONS, useValue: false },
        { provide: DataSource, useValue: dataSource },
        // A one-shot command reads the primary only.
        {
          provide: ReadReplicas,
          useValue: new ReadReplicas(dataSource, {
            ...config,
            replicas: { ...config.replicas, urls: [] },
          }),
        },
        DomainEvents,
      ],
      exports: [APP_CONFIG, RUN_MIGRATIONS, DataSource, ReadReplicas, RedisModule, DomainEvents],
    };
  }
}

@Module({})
class DemoCliModule {
  static forRoot(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: DemoCliModule,
      imports: [
        DemoCliCoreModule.forRoot(config, dataSource),
        JobsModule.forRoot('api', { expected: [] }),
        // Global in the api: accounts' sign-in links mail through it.
        NotificationsModule,
        DemoModule,
      ],
    };
  }
}

async function organizationOf(ctx: CliContext): Promise<{ id: string; dataSource: DataSource }> {
  const wanted = stringOption(ctx.values.organization);
  if (wanted !== undefined && !UUID.test(wanted)) {
    throw new CliUsageError('--organization must be an organization id (a UUID)');
  }
  const dataSource = await migratedDataSource(ctx);
  if (wanted) {
    const found = await new OrganizationsRepository(dataSource).findById(wanted);
    if (!found) throw new CliError(`No organization has the id ${wanted}.`);
    return { id: found.id, dataSource };
  }
  const some = await new CliRepository(dataSource).organizations(2);
  if (some.length === 0) throw new CliError('There is no organization yet: run create-owner.');
  if (some.length > 1) {
    throw new CliError('Several organizations exist: choose one with --organization <id>.');
  }
  return { id: some[0].id, dataSource };
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
  async run(ctx) {
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
    const { id: organizationId, dataSource } = await organizationOf(ctx);
    // The runner closes this connection when the command ends; the container does not own it.
    const app = await NestFactory.createApplicationContext(
      DemoCliModule.forRoot(ctx.config(), dataSource),
      {
        logger: new PinoNestLogger(),
        abortOnError: false,
      },
    );
    try {
      const demo = app.get(DemoService);
      let shown = -1;
      const progress = (done: number, total: number) => {
        const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
        if (percent === shown) return;
        shown = percent;
        ctx.io.stderr(
          `${action === 'load' ? 'Loading' : 'Removing'}: ${done}/${total} employees\n`,
        );
      };
      if (action === 'load') {
        const options = demo.options(input);
        await demo.begin(organizationId, options);
        await demo.load(organizationId, progress);
        ctx.io.stdout(
          `Demo data loaded into organization ${organizationId}: ${options.employees} employees, ${options.days} days (seed ${options.seed}).\n`,
        );
      } else {
        await demo.beginRemoval(organizationId);
        await demo.remove(organizationId, progress);
        ctx.io.stdout(`Demo data removed from organization ${organizationId}.\n`);
      }
    } finally {
      await app.close();
    }
  },
};
