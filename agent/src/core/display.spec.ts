import { describeDisplay } from './display.js';

describe('describeDisplay', () => {
  it('sees everything in an X11 session', () => {
    expect(describeDisplay({ DISPLAY: ':0', XDG_SESSION_TYPE: 'x11' }, 'linux')).toEqual({
      session: 'x11',
      windows: 'all',
      idle: true,
      warning: null,
    });
  });

  it('says under Wayland with XWayland that it names only X11 windows and cannot tell idle', () => {
    const report = describeDisplay(
      { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'wayland' },
      'linux',
    );
    expect(report).toMatchObject({ session: 'wayland', windows: 'xwayland-only', idle: false });
    expect(report.warning).toContain('can name only windows of X11 programs (XWayland)');
    expect(report.warning).toContain('active time without an application or title');
    expect(report.warning).toContain('cannot tell idle time');
    expect(report.warning).toContain('--source activitywatch');
  });

  it('detects Wayland by WAYLAND_DISPLAY or XDG_SESSION_TYPE alone, without XWayland', () => {
    for (const env of [{ WAYLAND_DISPLAY: 'wayland-1' }, { XDG_SESSION_TYPE: 'Wayland' }]) {
      const report = describeDisplay(env, 'linux');
      expect(report).toMatchObject({ session: 'wayland', windows: 'none', idle: false });
      expect(report.warning).toContain('cannot tell which application is in front');
    }
  });

  it('says so when there is no graphical session at all', () => {
    const report = describeDisplay({}, 'linux');
    expect(report).toMatchObject({ session: 'none', windows: 'none', idle: false });
    expect(report.warning).toContain('DISPLAY is not set');
  });

  it('has nothing to say on Windows and macOS, whose shells see windows themselves', () => {
    expect(describeDisplay({}, 'win32').warning).toBeNull();
    expect(describeDisplay({ WAYLAND_DISPLAY: 'x' }, 'darwin').warning).toBeNull();
  });
});
