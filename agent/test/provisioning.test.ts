import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLinuxAutostartEnabled, setLinuxAutostart } from '../src/core/autostart.js';
import { provisioningPaths, readProvisioning } from '../src/core/provisioning.js';

describe('provisioning and autostart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-prov-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('knows where each platform keeps the provisioning file', () => {
    expect(provisioningPaths('win32', { ProgramData: 'D:\\PD' })[0]).toContain('CallTimeX');
    expect(provisioningPaths('darwin', {})).toEqual([
      '/Library/Application Support/CallTimeX/provisioning.json',
    ]);
    expect(provisioningPaths('linux', {})).toEqual(['/etc/calltimex/provisioning.json']);
  });

  it('reads what the silent installer wrote, deriving the email from the user name', () => {
    const file = join(dir, 'provisioning.json');
    // The NSIS script writes empty strings for parameters it was not given, with a BOM at times.
    writeFileSync(
      file,
      '\uFEFF{"serverUrl":"https://ctx.corp.example","enrollmentToken":"tok","emailDomain":"corp.example","employeeEmail":""}',
    );
    expect(readProvisioning([join(dir, 'missing.json'), file], 'AnnS')).toEqual({
      serverUrl: 'https://ctx.corp.example',
      enrollmentToken: 'tok',
      employeeEmail: 'anns@corp.example',
    });
  });

  it('prefers an explicit email and skips files it cannot use', () => {
    const bad = join(dir, 'bad.json');
    const good = join(dir, 'good.json');
    writeFileSync(bad, JSON.stringify({ serverUrl: 'https://x.example' }));
    writeFileSync(
      good,
      JSON.stringify({
        serverUrl: 'https://x.example',
        enrollmentToken: 't',
        employeeEmail: 'a@x.example',
      }),
    );
    expect(readProvisioning([bad, good], 'someone')?.employeeEmail).toBe('a@x.example');
    expect(readProvisioning([bad], 'someone')).toBeNull();
  });

  it('writes and removes the XDG autostart entry', () => {
    setLinuxAutostart(dir, '/opt/CallTimeX Agent/calltimex-agent', true);
    expect(isLinuxAutostartEnabled(dir)).toBe(true);
    const entry = readFileSync(join(dir, 'autostart', 'calltimex-agent.desktop'), 'utf8');
    expect(entry).toContain('Exec="/opt/CallTimeX Agent/calltimex-agent" --hidden');
    setLinuxAutostart(dir, '/x', false);
    expect(isLinuxAutostartEnabled(dir)).toBe(false);
  });
});
