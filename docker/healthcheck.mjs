// Container health check for both roles of the image.
//   api:    GET http://127.0.0.1:$PORT/api/v1/health must answer 200 (database and Redis answer).
//   worker: GET http://127.0.0.1:$WORKER_HEALTH_PORT/health must answer 200 (database and Redis
//           answer, queues consumed); with WORKER_HEALTH_PORT=0 the worker process must run and
//           Redis must answer PING.
// The role is found from the running processes, so one HEALTHCHECK serves both commands;
// `node healthcheck.mjs api|worker` forces it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const TIMEOUT_MS = 4000;

function workerRunning() {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/worker.js')) return true;
    } catch {
      // the process ended while we looked
    }
  }
  return false;
}

async function expectOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

async function pingRedis() {
  if (!process.env.REDIS_URL) throw new Error('REDIS_URL is not set');
  const require = createRequire(import.meta.url);
  const { Redis } = require('ioredis');
  const redis = new Redis(process.env.REDIS_URL, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
  });
  redis.on('error', () => {}); // reported by the rejected connect() below
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`redis answered ${pong}`);
  } finally {
    redis.disconnect();
  }
}

async function checkWorker() {
  const port = process.env.WORKER_HEALTH_PORT ?? '3001';
  if (port !== '0') return expectOk(`http://127.0.0.1:${port}/health`);
  if (!workerRunning()) throw new Error('worker process not running');
  return pingRedis();
}

const role = process.argv[2] ?? (workerRunning() ? 'worker' : 'api');

try {
  if (role === 'worker') await checkWorker();
  else await expectOk(`http://127.0.0.1:${process.env.PORT ?? '3000'}/api/v1/health`);
  process.exit(0);
} catch (error) {
  console.error(`unhealthy (${role}): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
