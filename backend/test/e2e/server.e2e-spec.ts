import { startServer, type RunningServer } from './server-process.js';

describe('the built server, started as `npm start` starts it', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves health on the configured port with a fresh data directory', async () => {
    const res = await fetch(`${server.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('creates the SQLite database and its secrets under DATA_DIR', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${server.dataDir}/calltimex.sqlite`)).toBe(true);
    expect(existsSync(`${server.dataDir}/secrets.json`)).toBe(true);
  });

  it('writes structured JSON logs with a correlation id per request', async () => {
    const res = await fetch(`${server.url}/api/v1/health`, {
      headers: { 'X-Request-Id': 'e2e-corr-0001' },
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const line = server
      .logs()
      .split('\n')
      .find((l) => l.includes('e2e-corr-0001'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ correlationId: 'e2e-corr-0001', status: 200 });
  });
});
