import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('generated API client', () => {
  it('matches backend/openapi.json (run `npm run api:generate -w frontend` when this fails)', () => {
    const result = spawnSync(process.execPath, [join(__dirname, 'generate-api.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(`${result.stdout}${result.stderr}`).toContain('API schema is up to date.');
    expect(result.status).toBe(0);
  });
});
