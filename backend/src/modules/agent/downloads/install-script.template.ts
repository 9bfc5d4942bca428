/**
 * The Linux install script `GET /agent/install.sh` serves, with `{{NAME}}` placeholders the
 * service fills in (server URL, version, each architecture's file and SHA-256). POSIX sh, checked
 * with `sh -n` and shellcheck by install-script.spec.ts.
 */
export const INSTALL_SCRIPT_TEMPLATE = `#!/bin/sh
# CallTimeX agent installer for Linux, served by {{SERVER}}.
#
#   curl -fsSL {{SERVER}}/api/v1/agent/install.sh | sh -s -- --token TOKEN --email EMAIL
#   curl -fsSL {{SERVER}}/api/v1/agent/install.sh | sh -s -- --token TOKEN --email-domain corp.example
#
# Installs for the current user, no root needed: the agent under ~/.local/share/calltimex-agent,
# \`calltimex-agent\` in ~/.local/bin, a systemd user service (or, without a systemd user session,
# an XDG autostart entry, started now), then enrolls this machine. Needs curl, tar, gzip and
# sha256sum. \`calltimex-agent uninstall\` removes everything it installed.
set -eu

SERVER='{{SERVER}}'
VERSION='{{VERSION}}'
FILE_X64='{{FILE_X64}}'
SHA256_X64='{{SHA256_X64}}'
FILE_ARM64='{{FILE_ARM64}}'
SHA256_ARM64='{{SHA256_ARM64}}'

token="\${CALLTIMEX_TOKEN:-}"
email="\${CALLTIMEX_EMAIL:-}"
email_domain="\${CALLTIMEX_EMAIL_DOMAIN:-}"
start=yes

say() { printf '%s\\n' "calltimex: $*"; }
die() { printf '%s\\n' "calltimex: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --token) [ $# -ge 2 ] || die "--token needs a value"; token="$2"; shift 2 ;;
    --email) [ $# -ge 2 ] || die "--email needs a value"; email="$2"; shift 2 ;;
    --email-domain) [ $# -ge 2 ] || die "--email-domain needs a value"; email_domain="$2"; shift 2 ;;
    --server) [ $# -ge 2 ] || die "--server needs a value"; SERVER="$2"; shift 2 ;;
    --no-start) start=no; shift ;;
    -h|--help) sed -n '2,11p' "$0" 2>/dev/null || true; exit 0 ;;
    *) die "unknown option $1 (expected --token, --email or --email-domain, --server, --no-start)" ;;
  esac
done

[ -n "$token" ] || die "an enrollment token is needed: --token TOKEN (the console's Devices page creates one)"
if [ -z "$email" ]; then
  [ -n "$email_domain" ] || die "say whose computer this is: --email EMAIL or --email-domain DOMAIN (then the login name is used)"
  email="$(id -un | tr '[:upper:]' '[:lower:]')@$email_domain"
fi
[ "$(uname -s)" = Linux ] || die "this installer is for Linux; for Windows and macOS see the console's Devices page"

case "$(uname -m)" in
  x86_64|amd64) file="$FILE_X64"; sum="$SHA256_X64"; arch=x64 ;;
  aarch64|arm64) file="$FILE_ARM64"; sum="$SHA256_ARM64"; arch=arm64 ;;
  *) die "no agent for $(uname -m) (x86_64 and aarch64 are built)" ;;
esac
[ -n "$file" ] || die "this server offers no agent for linux-$arch yet: IT builds it with \\\`npm run bundle -w agent\\\` on a linux-$arch machine (docs/agent-rollout.md)"

for tool in curl tar gzip sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

data_home="\${XDG_DATA_HOME:-$HOME/.local/share}"
config_home="\${XDG_CONFIG_HOME:-$HOME/.config}"
root="$data_home/calltimex-agent"
bin_dir="$HOME/.local/bin"
unit_dir="$config_home/systemd/user"
autostart_dir="$config_home/autostart"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT INT TERM

say "downloading the agent $VERSION for linux-$arch from $SERVER"
curl -fsSL --retry 3 -o "$tmp/$file" "$SERVER/api/v1/agent/downloads/$file" || die "download failed: $SERVER/api/v1/agent/downloads/$file"
printf '%s  %s\\n' "$sum" "$tmp/$file" | sha256sum -c - >/dev/null 2>&1 || die "the download's SHA-256 is not $sum: not installed"

# A new version is unpacked beside the old one and switched to only once this computer is enrolled:
# a failed enrollment leaves nothing behind, and a running agent keeps its files.
mkdir -p "$root/versions" "$bin_dir"
release="$root/versions/$VERSION-$arch"
rm -rf "$release.new"
mkdir -p "$release.new"
tar -xzf "$tmp/$file" -C "$release.new"
new_agent="$release.new/calltimex-agent/bin/calltimex-agent"

state="$("$new_agent" status --json 2>/dev/null || true)"
if printf '%s' "$state" | grep -q "\\"employeeEmail\\": \\"$email\\"" &&
   printf '%s' "$state" | grep -q "\\"serverUrl\\": \\"$SERVER\\""; then
  say "already enrolled for $email: keeping this computer's device"
else
  say "enrolling this computer for $email"
  if ! "$new_agent" enroll --server "$SERVER" --token "$token" --email "$email"; then
    rm -rf "$release.new"
    rmdir "$root/versions" "$root" 2>/dev/null || true
    die "enrollment failed (see above): nothing was installed"
  fi
fi
rm -rf "$release"
mv "$release.new" "$release"
ln -sfn "$release/calltimex-agent" "$root/current"
ln -sfn "$root/current/bin/calltimex-agent" "$bin_dir/calltimex-agent"
agent="$bin_dir/calltimex-agent"

# What was installed, for \`calltimex-agent uninstall\`.
service=none
if command -v systemctl >/dev/null 2>&1 && systemctl --user show-environment >/dev/null 2>&1; then
  service=systemd
  mkdir -p "$unit_dir"
  cat > "$unit_dir/calltimex-agent.service" <<UNIT
[Unit]
Description=CallTimeX agent
After=graphical-session.target

[Service]
ExecStart=$agent run
Restart=on-failure
RestartSec=10
# SIGTERM ends the open span and uploads within 15 s.
TimeoutStopSec=20

[Install]
WantedBy=default.target
UNIT
  # The agent reads the screen of the desktop session it runs in.
  systemctl --user import-environment DISPLAY XAUTHORITY WAYLAND_DISPLAY XDG_SESSION_TYPE 2>/dev/null || true
  systemctl --user daemon-reload
  if [ "$start" = yes ]; then
    systemctl --user enable --now calltimex-agent.service
  else
    systemctl --user enable calltimex-agent.service
  fi
else
  service=autostart
  mkdir -p "$autostart_dir"
  cat > "$autostart_dir/calltimex-agent.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=CallTimeX Agent
Exec=$agent run
NoDisplay=true
X-GNOME-Autostart-enabled=true
DESKTOP
  if [ "$start" = yes ]; then
    log_dir="\${XDG_STATE_HOME:-$HOME/.local/state}/calltimex-agent"
    mkdir -p "$log_dir"
    nohup "$agent" run >>"$log_dir/agent.log" 2>&1 &
  fi
fi

cat > "$root/install.json" <<JSON
{"version":"$VERSION","arch":"$arch","server":"$SERVER","service":"$service","root":"$root","bin":"$agent","unit":"$unit_dir/calltimex-agent.service","autostart":"$autostart_dir/calltimex-agent.desktop"}
JSON

say "installed: $agent ($service)"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) say "add $bin_dir to your PATH to run calltimex-agent by name" ;;
esac
say "check it with: $agent status"
say "if your organization asks for it, read and accept the monitoring notice: $agent notice"
`;
