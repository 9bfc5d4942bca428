import 'reflect-metadata';
import 'dotenv/config';
import { NestFactory } from '@nestjs/core';
import { logger, PinoNestLogger, setLogLevel } from './common/logging/logger.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  if (!config.redis) {
    console.error(
      'The worker runs in server mode only: set REDIS_URL. In embedded mode the api runs the jobs itself.',
    );
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(),
    abortOnError: false,
  });
  // SIGTERM: finish or release running jobs within WORKER_SHUTDOWN_GRACE_SECONDS, then exit 0.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'worker did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  logger.info(
    { database: config.database.type, concurrency: config.worker.concurrency },
    'CallTimeX worker started',
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    logger.fatal({ err: error }, 'worker start-up failed');
  }
  process.exit(1);
});
