import { startServer, type RunningServer } from './server-process.js';

/** The start-up log names the address the api is bound to, not `localhost` or PUBLIC_URL. */
describe('the listening log line', () => {
  let server: RunningServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  /**
   * The line from the server's stdout. Health may answer before the pipe has delivered it (two
   * channels, no order between them), so it is waited for, up to 10 s.
   */
  const listening = async (running: RunningServer): Promise<string> => {
    const find = () =>
      running
        .logs()
        .split('\n')
        .find((l) => l.includes('CallTimeX api listening on'));
    for (let i = 0; i < 100 && !find(); i++) await new Promise((r) => setTimeout(r, 100));
    const line = find();
    expect(line).toBeDefined();
    return String((JSON.parse(String(line)) as { msg: string }).msg);
  };

  it('says all interfaces when HOST is unset', async () => {
    server = await startServer();
    const port = new URL(server.url).port;
    const msg = await listening(server);
    expect(msg).toMatch(
      new RegExp(`listening on http://(0\\.0\\.0\\.0|\\[::\\]):${port} \\(all interfaces`),
    );
    expect(msg).not.toContain('localhost');
  });

  it('names the address HOST binds, and answers there', async () => {
    server = await startServer({ HOST: '127.0.0.1', PUBLIC_URL: 'https://time.example.com' });
    const port = new URL(server.url).port;
    expect(await listening(server)).toBe(`CallTimeX api listening on http://127.0.0.1:${port}`);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});
