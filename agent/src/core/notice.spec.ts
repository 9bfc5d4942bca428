import { ApiError } from './api-client.js';
import { NoticeGate, noticeLanguage, type NoticeApi } from './notice.js';
import { silentLogger, type StateStore } from './ports.js';
import type { Notice } from './types.js';

function memoryStore(): StateStore {
  const map = new Map<string, string>();
  return {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => (v === null ? map.delete(k) : map.set(k, v)),
  };
}

class FakeNoticeApi implements NoticeApi {
  notice: Notice | null = { version: 5, text: 'Text', language: 'en' };
  ackError: Error | null = null;
  acks: unknown[] = [];
  getNotice(): Promise<Notice | null> {
    return Promise.resolve(this.notice);
  }
  acknowledgeNotice(version: number | string, language?: string): Promise<void> {
    this.acks.push({ version, language });
    return this.ackError ? Promise.reject(this.ackError) : Promise.resolve();
  }
}

describe('NoticeGate', () => {
  it('picks one of the product’s languages from a locale', () => {
    expect(noticeLanguage('uk_UA.UTF-8')).toBe('uk');
    expect(noticeLanguage('ru-RU')).toBe('ru');
    expect(noticeLanguage('de_DE')).toBeUndefined();
    expect(noticeLanguage(undefined)).toBeUndefined();
  });

  it('refuses to acknowledge a version that is not the current one', async () => {
    const api = new FakeNoticeApi();
    const gate = new NoticeGate(memoryStore(), () => api, silentLogger);
    await gate.refresh();
    await expect(gate.acknowledge(4)).rejects.toThrow('not the current one');
    expect(gate.trackingAllowed()).toBe(false);
  });

  it('stops resending an acknowledgement the server refuses as superseded (409)', async () => {
    const api = new FakeNoticeApi();
    const store = memoryStore();
    const gate = new NoticeGate(store, () => api, silentLogger);
    await gate.refresh();
    api.ackError = new ApiError(409, 'That version is not the current notice.');
    await gate.acknowledge(5);
    expect(store.get('notice.unsent')).toBeNull();
    api.ackError = new Error('network down');
    api.notice = { version: 6, text: 'New', language: 'en' };
    await gate.refresh();
    expect(gate.pending()).toMatchObject({ version: 6 });
    await gate.acknowledge(6);
    expect(store.get('notice.unsent')).not.toBeNull();
    expect(api.acks).toEqual([
      { version: 5, language: 'en' },
      { version: 6, language: 'en' },
    ]);
  });
});
