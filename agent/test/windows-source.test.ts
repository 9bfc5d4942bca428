import { WindowsForegroundSource } from '../src/core/adapters/windows.js';

// A stand-in for the PowerShell helper: one JSON line per request line, then it dies on "quit".
const HELPER = `
let n = 0;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  for (const _ of chunk.split('\\n').slice(1)) {
    n += 1;
    if (n === 3) process.exit(0);
    process.stdout.write(JSON.stringify({ app: 'WINWORD', title: 'Report ' + n }) + '\\n');
  }
});
`;

describe('WindowsForegroundSource line protocol', () => {
  it('asks one line at a time and restarts a helper that died', async () => {
    const source = new WindowsForegroundSource(process.execPath, ['-e', HELPER]);
    try {
      await expect(source.current()).resolves.toEqual({ app: 'WINWORD', title: 'Report 1' });
      await expect(source.current()).resolves.toEqual({ app: 'WINWORD', title: 'Report 2' });
      // The helper exits instead of answering: no activity, and a new helper next time.
      await expect(source.current()).resolves.toBeNull();
      await expect(source.current()).resolves.toEqual({ app: 'WINWORD', title: 'Report 1' });
    } finally {
      source.close();
    }
  });

  it('gives up on a helper that does not answer', async () => {
    const source = new WindowsForegroundSource(process.execPath, [
      '-e',
      'setInterval(() => {}, 1000)',
    ]);
    try {
      const started = Date.now();
      await expect(source.current()).resolves.toBeNull();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    } finally {
      source.close();
    }
  });
});
