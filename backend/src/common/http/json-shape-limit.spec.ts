import { cleanJson, type JsonShapeLimits } from './json-shape-limit.js';

const checkJsonShape = (value: unknown, limits?: JsonShapeLimits) =>
  cleanJson(value, limits).violation;

describe('checkJsonShape', () => {
  const limits = { maxDepth: 3, maxNodes: 5 };

  it('passes scalars and values within both limits', () => {
    expect(checkJsonShape('text', limits)).toBeNull();
    expect(checkJsonShape(null, limits)).toBeNull();
    expect(checkJsonShape({ a: { b: [1] } }, limits)).toBeNull();
    expect(checkJsonShape({ a: { b: { c: 1 } } }, limits)).toBeNull();
    expect(checkJsonShape([1, 2, 3, 4, 5], limits)).toBeNull();
  });

  it('finds a value one level too deep, in objects and arrays alike', () => {
    expect(checkJsonShape({ a: { b: { c: {} } } }, limits)).toBe('depth');
    expect(checkJsonShape([[[[]]]], limits)).toBe('depth');
  });

  it('counts keys and array elements over the whole value', () => {
    expect(checkJsonShape([1, 2, 3, 4, 5, 6], limits)).toBe('nodes');
    expect(checkJsonShape({ a: [1, 2], b: { c: 1, d: 2 } }, limits)).toBe('nodes');
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkJsonShape(deep, { maxDepth: 200_000, maxNodes: 200_000 })).toBeNull();
    expect(checkJsonShape(deep)).toBe('depth');
  });
});

describe('cleanJson on text', () => {
  it('replaces lone surrogates in strings and keys, keeps pairs, in place', () => {
    const body = JSON.parse(
      '{"a":"x\\ud800y","b\\udc00":["\\udfff",1],"c":"\\ud83d\\ude00"}',
    ) as object;
    expect(cleanJson(body).value).toBe(body);
    expect(body).toEqual({ a: 'x\uFFFDy', 'b\uFFFD': ['\uFFFD', 1], c: '\u{1F600}' });
    expect(cleanJson('\ud800').value).toBe('\uFFFD');
    expect(cleanJson(7).value).toBe(7);
  });
});
