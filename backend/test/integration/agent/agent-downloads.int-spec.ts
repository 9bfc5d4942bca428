import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe(`agent downloads and the install script on ${TEST_DB}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-downloads-'));
  const files: Record<string, Buffer> = {
    'calltimex-agent-0.9.0-linux-x64.tar.gz': Buffer.from('old x64 bundle'),
    'calltimex-agent-0.10.0-linux-x64.tar.gz': Buffer.from('new x64 bundle'),
    'calltimex-agent-0.10.0-rc.1-linux-x64.tar.gz': Buffer.from('release candidate'),
    'calltimex-agent-0.10.0-linux-arm64.tar.gz': Buffer.from('arm64 bundle'),
    'CallTimeX-Agent-0.10.0-win-x64.exe': Buffer.from('MZ signed by IT'),
    // Not offered: not a known kind, a dot file, an archive that is not a bundle.
    'notes.txt': Buffer.from('x'),
    '.hidden.exe': Buffer.from('x'),
    'backup.tar.gz': Buffer.from('x'),
  };
  let ctx: TestContext;
  const http = () => request(ctx.app.getHttpServer());

  beforeAll(async () => {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    mkdirSync(join(dir, 'sub.exe'));
    ctx = await startTestApp({ AGENT_DOWNLOADS_DIR: dir });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the bundles and installers, with size and SHA-256, to anyone', async () => {
    const res = await http().get('/api/v1/agent/downloads').expect(200);
    const items = res.body.items as {
      file: string;
      platform: string;
      version: string | null;
      size: number;
      sha256: string;
      url: string;
    }[];
    expect(items.map((d) => d.file).sort()).toEqual(
      [
        'CallTimeX-Agent-0.10.0-win-x64.exe',
        'calltimex-agent-0.10.0-linux-arm64.tar.gz',
        'calltimex-agent-0.10.0-linux-x64.tar.gz',
        'calltimex-agent-0.10.0-rc.1-linux-x64.tar.gz',
        'calltimex-agent-0.9.0-linux-x64.tar.gz',
      ].sort(),
    );
    const exe = items.find((d) => d.file.endsWith('.exe'))!;
    expect(exe).toMatchObject({
      platform: 'windows',
      version: null,
      size: files['CallTimeX-Agent-0.10.0-win-x64.exe'].length,
      sha256: sha(files['CallTimeX-Agent-0.10.0-win-x64.exe']),
      url: '/api/v1/agent/downloads/CallTimeX-Agent-0.10.0-win-x64.exe',
    });
    expect(items.find((d) => d.file.includes('arm64'))).toMatchObject({
      platform: 'linux-arm64',
      version: '0.10.0',
    });
  });

  it('serves a file with its checksum; unknown names are 404, paths are 400', async () => {
    const name = 'calltimex-agent-0.10.0-linux-x64.tar.gz';
    const res = await http()
      .get(`/api/v1/agent/downloads/${name}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['x-checksum-sha256']).toBe(sha(files[name]));
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    expect((res.body as Buffer).equals(files[name])).toBe(true);

    for (const hidden of ['notes.txt', '.hidden.exe', 'backup.tar.gz', 'sub.exe', 'nothing.exe']) {
      const miss = await http().get(`/api/v1/agent/downloads/${hidden}`);
      expect([hidden, miss.status]).toEqual([hidden, hidden.startsWith('.') ? 400 : 404]);
      expect(miss.headers['content-type']).toContain('application/problem+json');
    }
    for (const path of [
      '..%2F..%2Fetc%2Fpasswd',
      '%2Fetc%2Fpasswd',
      'a%00b.exe',
      'x'.repeat(300) + '.exe',
    ]) {
      const bad = await http().get(`/api/v1/agent/downloads/${path}`);
      expect([path, bad.status]).toEqual([path, 400]);
    }
  });

  it('serves an install script for the address it was reached at, naming the newest bundle per architecture', async () => {
    const res = await http()
      .get('/api/v1/agent/install.sh')
      .set('Host', 'ctx.corp.example:8443')
      .expect(200);
    expect(res.headers['content-type']).toBe('text/x-shellscript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const script = res.text;
    expect(script).toContain("SERVER='http://ctx.corp.example:8443'");
    expect(script).toContain("VERSION='0.10.0'");
    expect(script).toContain("FILE_X64='calltimex-agent-0.10.0-linux-x64.tar.gz'");
    expect(script).toContain(
      `SHA256_X64='${sha(files['calltimex-agent-0.10.0-linux-x64.tar.gz'])}'`,
    );
    expect(script).toContain(
      `SHA256_ARM64='${sha(files['calltimex-agent-0.10.0-linux-arm64.tar.gz'])}'`,
    );
    expect(script).not.toContain('{{');
    // Valid POSIX sh, and clean by shellcheck's rules.
    const file = join(dir, 'install.sh.check');
    writeFileSync(file, script);
    execFileSync('sh', ['-n', file]);
    execFileSync('shellcheck', ['-s', 'sh', file]);
  });

  it('falls back to PUBLIC_URL when the Host header is not an address', async () => {
    const res = await http().get('/api/v1/agent/install.sh').set('Host', "evil'$(id)").expect(200);
    expect(res.text).toContain(`SERVER='${ctx.config.http.publicUrl}'`);
    expect(res.text).not.toContain('evil');
  });
});
