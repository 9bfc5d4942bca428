import { parseActiveWindowId, parseWindowProperties } from './linux-x11.js';

describe('xprop parsing', () => {
  it('reads the active window id', () => {
    expect(parseActiveWindowId('_NET_ACTIVE_WINDOW(WINDOW): window id # 0x3a00007\n')).toBe(
      '0x3a00007',
    );
    expect(parseActiveWindowId('_NET_ACTIVE_WINDOW(WINDOW): window id # 0x0\n')).toBeNull();
    expect(parseActiveWindowId('_NET_ACTIVE_WINDOW:  not found.\n')).toBeNull();
  });

  it('reads the application class and the UTF-8 title', () => {
    const output = [
      'WM_CLASS(STRING) = "Navigator", "firefox"',
      '_NET_WM_NAME(UTF8_STRING) = "Отчёт \\"Q4\\" — Mozilla Firefox"',
      'WM_NAME(STRING) = "fallback"',
    ].join('\n');
    expect(parseWindowProperties(output)).toEqual({
      app: 'firefox',
      title: 'Отчёт "Q4" — Mozilla Firefox',
    });
    expect(parseWindowProperties('WM_CLASS(STRING) = "xterm"\nWM_NAME(STRING) = "bash"')).toEqual({
      app: 'xterm',
      title: 'bash',
    });
    expect(parseWindowProperties('WM_CLASS:  not found.')).toBeNull();
  });
});
