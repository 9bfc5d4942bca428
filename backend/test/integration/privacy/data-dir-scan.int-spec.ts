import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileContains } from '#src/modules/privacy/erasure/data-dir-scan.js';

describe('fileContains', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-scan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a needle that straddles the 8 MiB chunk border', async () => {
    const file = join(dir, 'big.bin');
    const body = Buffer.alloc(8 * 1024 * 1024 + 100, 0x20);
    Buffer.from('needle@example.test').copy(body, 8 * 1024 * 1024 - 5);
    writeFileSync(file, body);
    await expect(fileContains(file, [Buffer.from('needle@example.test')])).resolves.toBe(true);
    await expect(fileContains(file, [Buffer.from('absent@example.test')])).resolves.toBe(false);
  });

  it('answers false for an empty file or no needles', async () => {
    const file = join(dir, 'empty');
    writeFileSync(file, '');
    await expect(fileContains(file, [Buffer.from('x')])).resolves.toBe(false);
    await expect(fileContains(file, [])).resolves.toBe(false);
  });

  it('answers false for a file gone since it was listed, and still fails on other errors', async () => {
    await expect(
      fileContains(join(dir, 'renamed-meanwhile.eml.tmp'), [Buffer.from('x')]),
    ).resolves.toBe(false);
    // A directory cannot be read as a file: that is not a vanished file and must not pass unseen.
    await expect(fileContains(dir, [Buffer.from('x')])).rejects.toThrow();
  });
});
