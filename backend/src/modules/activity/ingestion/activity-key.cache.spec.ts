import { ActivityKeyCache } from './activity-key.cache.js';

describe('ActivityKeyCache', () => {
  it('keeps ids per organization and per kind', () => {
    const cache = new ActivityKeyCache();
    cache.set('org-a', ActivityKeyCache.slot('app', 'code'), 'k1');
    cache.set('org-a', ActivityKeyCache.slot('site', 'code'), 'k2');
    expect(cache.get('org-a', ActivityKeyCache.slot('app', 'code'))).toBe('k1');
    expect(cache.get('org-a', ActivityKeyCache.slot('site', 'code'))).toBe('k2');
    expect(cache.get('org-b', ActivityKeyCache.slot('app', 'code'))).toBeUndefined();
  });

  it('forgets an organization on invalidate (erasure deletes its keys)', () => {
    const cache = new ActivityKeyCache();
    cache.set('org-a', ActivityKeyCache.slot('app', 'code'), 'k1');
    cache.set('org-b', ActivityKeyCache.slot('app', 'code'), 'k3');
    cache.invalidate('org-a');
    expect(cache.get('org-a', ActivityKeyCache.slot('app', 'code'))).toBeUndefined();
    expect(cache.get('org-b', ActivityKeyCache.slot('app', 'code'))).toBe('k3');
  });

  it('lets an organization’s ids expire after five minutes (erasures on other replicas)', () => {
    const cache = new ActivityKeyCache();
    cache.set('org-a', ActivityKeyCache.slot('app', 'code'), 'k1', 0);
    expect(cache.get('org-a', ActivityKeyCache.slot('app', 'code'), 299_000)).toBe('k1');
    expect(cache.get('org-a', ActivityKeyCache.slot('app', 'code'), 301_000)).toBeUndefined();
  });
});
