import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Linux has no `app.setLoginItemSettings`; the XDG autostart entry is the desktop-neutral way.
 * `configHome` is `$XDG_CONFIG_HOME` or `~/.config`.
 */
export function setLinuxAutostart(configHome: string, executable: string, enabled: boolean): void {
  const file = join(configHome, 'autostart', 'calltimex-agent.desktop');
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(configHome, 'autostart'), { recursive: true });
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  writeFileSync(
    file,
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=CallTimeX Agent',
      `Exec=${quoted} --hidden`,
      'X-GNOME-Autostart-enabled=true',
      'NoDisplay=true',
      '',
    ].join('\n'),
  );
}

export function isLinuxAutostartEnabled(configHome: string): boolean {
  return existsSync(join(configHome, 'autostart', 'calltimex-agent.desktop'));
}
