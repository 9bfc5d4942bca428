import 'reflect-metadata';
import 'dotenv/config';
import { ConfigError, loadConfig } from './config/load-config.js';
import { createApp } from './configure-app.js';
import { describeListenAddress } from './common/http/listen-address.js';
import { logger } from './common/logging/logger.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  if (config.http.host) await app.listen(config.http.port, config.http.host);
  else await app.listen(config.http.port);
  // The address the socket is bound to, not PUBLIC_URL: that one is where users reach it.
  const address = app.getHttpServer().address();
  logger.info(
    {
      port: config.http.port,
      host: typeof address === 'object' && address ? address.address : config.http.host,
      publicUrl: config.http.publicUrl,
      database: config.database.type,
      queue: config.redis ? 'bullmq' : 'in-process',
    },
    `CallTimeX api listening on ${describeListenAddress(address)}`,
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
