import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { sendProblem } from './common/errors/problem.filter.js';
import { consoleAssets } from './common/http/console-assets.js';
import { securityHeaders } from './common/http/content-security-policy.js';
import {
  correlationIdMiddleware,
  reenterRequestContext,
} from './common/http/correlation-id.middleware.js';
import {
  finalizeOpenApiDocument,
  readRouteAccess,
  type OpenApiFallbacks,
} from './common/http/openapi.js';
import { noStoreMiddleware } from './common/http/no-store.middleware.js';
import { useFastJson } from './common/http/json-response.js';
import { jsonShapeLimit } from './common/http/json-shape-limit.js';
import { PinoNestLogger, setLogLevel } from './common/logging/logger.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { hasSessionHint } from './modules/accounts/auth/session-cookie.js';
import { metricsMiddleware } from './modules/metrics/metrics.js';
import { isScimPath, SCIM_CONTENT_TYPE, sendScimError } from './modules/scim/scim-errors.js';

export const API_PREFIX = 'api/v1';

/** Per-route body limits; everything else gets the default. Limits count inflated (gunzipped) bytes. */
export const BODY_LIMITS: { path: string; limit: string }[] = [
  { path: `/${API_PREFIX}/agent/events`, limit: '5mb' },
  // 5,000 CSV rows, JSON-escaped.
  { path: `/${API_PREFIX}/employees/import`, limit: '2mb' },
];
const DEFAULT_BODY_LIMIT = '256kb';

/** `fallbacks` collects what decorators left for the post-processing to fill in (tests keep it empty). */
export function buildOpenApiDocument(
  app: NestExpressApplication,
  fallbacks?: OpenApiFallbacks,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CallTimeX API')
    .setDescription('Self-hosted accounting and analysis of working time.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  return finalizeOpenApiDocument(document, readRouteAccess(app), fallbacks);
}

/** The built Angular console (`npm run build -w frontend`); the api runs without it. */
export const CONSOLE_DIR = fileURLToPath(
  new URL('../../frontend/dist/console/browser', import.meta.url),
);

/** Builds the api exactly as `npm start` runs it; tests call this too. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  setLogLevel(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(),
    abortOnError: false,
  });
  app.set('trust proxy', config.http.trustProxyHops);
  app.disable('x-powered-by');
  useFastJson(app.getHttpAdapter().getInstance());
  app.use(correlationIdMiddleware);
  app.use(noStoreMiddleware);
  app.use(metricsMiddleware);
  app.use(securityHeaders());
  for (const { path, limit } of BODY_LIMITS) app.use(path, express.json({ limit }));
  // SCIM clients send application/scim+json (RFC 7644 §3.1).
  app.use(
    '/scim',
    express.json({ limit: DEFAULT_BODY_LIMIT, type: ['application/json', SCIM_CONTENT_TYPE] }),
  );
  app.use(express.json({ limit: DEFAULT_BODY_LIMIT }));
  app.use(jsonShapeLimit());
  app.use(reenterRequestContext);
  // Body errors on SCIM routes (malformed, too large, too deep) answer in SCIM's error format.
  app.use('/scim', (error: unknown, _req: Request, res: Response, _next: NextFunction) =>
    sendScimError(error, res),
  );
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'metrics', method: RequestMethod.GET },
      // SCIM lives at /scim/v2 (identity providers expect a base URL of their own).
      { path: 'scim/v2/{*path}', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (existsSync(`${CONSOLE_DIR}/index.html`)) {
    app.use(consoleAssets(CONSOLE_DIR, { signedIn: hasSessionHint }));
  }

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  // Errors raised before Nest's router (malformed JSON, oversized bodies) still answer as problems.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    isScimPath(req) ? sendScimError(error, res) : sendProblem(error, req, res),
  );
  return app;
}
