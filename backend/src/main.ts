import 'reflect-metadata';
import 'dotenv/config';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createApp } from './configure-app.js';
import { logger } from './common/logging/logger.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.http.port);
  logger.info(
    {
      port: config.http.port,
      database: config.database.type,
      queue: config.redis ? 'bullmq' : 'in-process',
    },
    `CallTimeX api listening on ${config.http.publicUrl}`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
});
