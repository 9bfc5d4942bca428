// docs/architecture.md draws the module graph from backend/architecture.json, which the lint enforces.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARCHITECTURE_DOC_FILE,
  readArchitecture,
  renderArchitectureDoc,
} from '#src/tools/write-architecture-docs.js';

describe('docs/architecture.md', () => {
  it('is up to date with architecture.json (npm run docs:architecture -w backend)', () => {
    const doc = readFileSync(ARCHITECTURE_DOC_FILE, 'utf8');
    expect(doc).toBe(renderArchitectureDoc(doc));
  });

  it('names every folder of src/modules in architecture.json, and no other', () => {
    const folders = readdirSync(join(process.cwd(), 'src/modules'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(Object.keys(readArchitecture().modules).sort()).toEqual(folders);
  });

  it('allows only modules it names, listed before the modules that use them', () => {
    const { modules } = readArchitecture();
    const names = Object.keys(modules);
    for (const [index, [name, may]] of Object.entries(modules).entries()) {
      for (const target of may) {
        expect(names.indexOf(target)).toBeGreaterThanOrEqual(0);
        // Listed in dependency order, so a cycle cannot be written into the file.
        expect({ name, target, before: names.indexOf(target) < index }).toEqual({
          name,
          target,
          before: true,
        });
      }
    }
  });
});
