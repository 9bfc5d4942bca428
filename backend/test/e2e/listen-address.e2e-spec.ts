import { startServer, type RunningServer } from './server-process.js';

/** The start-up log names the address the api is bound to, not `localhost` or PUBLIC_URL. */
describe('the listening log line', () => {
  let server: RunningServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  const listening = (logs: string): string => {
    const line = logs.split('\n').find((l) => l.includes('CallTimeX api listening on'));
    expect(line).toBeDefined();
    return String((JSON.parse(String(line)) as { msg: string }).msg);
  };

  it('says all interfaces when HOST is unset', async () => {
    server = await startServer();
    const port = new URL(server.url).port;
    const msg = listening(server.logs());
    expect(msg).toMatch(
      new RegExp(`listening on http://(0\\.0\\.0\\.0|\\[::\\]):${port} \\(all interfaces`),
    );
    expect(msg).not.toContain('localhost');
  });

  it('names the address HOST binds, and answers there', async () => {
    server = await startServer({ HOST: '127.0.0.1', PUBLIC_URL: 'https://time.example.com' });
    const port = new URL(server.url).port;
    expect(listening(server.logs())).toBe(`CallTimeX api listening on http://127.0.0.1:${port}`);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});
