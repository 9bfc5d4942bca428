/** What kind of graphical session the agent runs in, and so what it can see of it. */
export type SessionKind = 'x11' | 'wayland' | 'none';

export interface DisplayReport {
  session: SessionKind;
  /** Windows the agent can name: all of them, only XWayland ones, or none. */
  windows: 'all' | 'xwayland-only' | 'none';
  /** Whether keyboard and pointer input can be seen, to tell idle time. */
  idle: boolean;
  /** What the agent cannot see, said plainly; null when it sees everything it records. */
  warning: string | null;
}

const WAYLAND_ADVICE =
  'For full collection on Wayland, run an ActivityWatch watcher that supports it (e.g. awatcher) ' +
  'and `calltimex-agent run --source activitywatch`.';

/**
 * Linux only: Wayland does not let one program see another's windows or input. Under Wayland the
 * X server (XWayland, when there is one) knows only the windows of X11 programs and the input that
 * goes to them, so the agent names those and nothing else; and it does not read idle time from X,
 * as typing into a Wayland window would look like no input at all.
 */
export function describeDisplay(
  env: NodeJS.ProcessEnv,
  platform = process.platform,
): DisplayReport {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') {
    return { session: 'none', windows: 'all', idle: true, warning: null };
  }
  const wayland =
    (env.WAYLAND_DISPLAY ?? '') !== '' || (env.XDG_SESSION_TYPE ?? '').toLowerCase() === 'wayland';
  const x = (env.DISPLAY ?? '') !== '';
  if (wayland) {
    return {
      session: 'wayland',
      windows: x ? 'xwayland-only' : 'none',
      idle: false,
      warning:
        (x
          ? 'Wayland session: the agent can name only windows of X11 programs (XWayland). While a ' +
            'Wayland window is in front it records active time without an application or title. '
          : 'Wayland session without XWayland: the agent cannot tell which application is in front ' +
            'or its title; it records active time without names. ') +
        'It cannot see keyboard or mouse input either, so it cannot tell idle time: every minute ' +
        `the session runs counts as active. ${WAYLAND_ADVICE}`,
    };
  }
  if (!x) {
    return {
      session: 'none',
      windows: 'none',
      idle: false,
      warning:
        'No graphical session (DISPLAY is not set): the agent cannot see applications or input. ' +
        'Start it inside the desktop session (the systemd user service does), or use ' +
        '`--source activitywatch`.',
    };
  }
  return { session: 'x11', windows: 'all', idle: true, warning: null };
}
