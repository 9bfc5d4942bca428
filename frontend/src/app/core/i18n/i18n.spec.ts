import { en } from './en';
import { ru } from './ru';
import { uk } from './uk';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const reference = leaves(en);

  it.each([
    ['ru', ru],
    ['uk', uk],
  ])('%s has every English key, translated, with the same placeholders', (_lang, dict) => {
    const translated = leaves(dict);
    expect([...translated.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [key, text] of translated) {
      expect(text.trim()).not.toBe('');
      expect({ key, placeholders: placeholders(text) }).toEqual({
        key,
        placeholders: placeholders(reference.get(key)!),
      });
    }
  });

  it('ru and uk are real translations, not copies of English', () => {
    const r = leaves(ru);
    const u = leaves(uk);
    const same = [...reference].filter(([k, v]) => r.get(k) === v || u.get(k) === v);
    // Product and format names (CallTimeX, CSV, Linux (DEB)…) may stay as they are.
    expect(same.length).toBeLessThan(8);
  });
});
