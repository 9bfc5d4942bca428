import { trayLabels } from './tray-labels.js';

describe('tray labels', () => {
  it('speaks the three languages and falls back to English', () => {
    expect(trayLabels('uk-UA').states.tracking).toBe('Триває запис');
    expect(trayLabels('ru').quit).toBe('Выйти');
    expect(trayLabels('de-DE').states['notice-pending']).toBe('Notice to read');
  });
});
