import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { ActivitySource, ForegroundActivity } from '../ports.js';
import { parseForegroundJson } from './foreground-json.js';

// One long-lived PowerShell answering a line per request: starting PowerShell every five seconds
// would cost more than the sample itself.
const SCRIPT = `
$ErrorActionPreference = 'SilentlyContinue'
Add-Type @"
using System; using System.Runtime.InteropServices; using System.Text;
public static class CtxForeground {
  [DllImport("user32.dll")] public static extern IntPtr GetForegroundWindow();
  [DllImport("user32.dll", CharSet = CharSet.Unicode)] public static extern int GetWindowText(IntPtr h, StringBuilder s, int n);
  [DllImport("user32.dll")] public static extern uint GetWindowThreadProcessId(IntPtr h, out uint pid);
}
"@
[Console]::OutputEncoding = [Text.Encoding]::UTF8
while ($null -ne ($line = [Console]::In.ReadLine())) {
  $h = [CtxForeground]::GetForegroundWindow()
  $sb = New-Object Text.StringBuilder 1024
  [void][CtxForeground]::GetWindowText($h, $sb, 1024)
  $procId = 0
  [void][CtxForeground]::GetWindowThreadProcessId($h, [ref]$procId)
  $p = Get-Process -Id $procId
  [Console]::Out.WriteLine((@{ app = $p.ProcessName; title = $sb.ToString() } | ConvertTo-Json -Compress))
}
`;

export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export class WindowsForegroundSource implements ActivitySource {
  private child: ChildProcessWithoutNullStreams | null = null;
  private buffer = '';
  private waiting: Array<(line: string | null) => void> = [];

  /** The command is replaceable so that the line protocol can be tested anywhere. */
  constructor(
    private readonly command = 'powershell.exe',
    private readonly args = [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
      encodePowerShell(SCRIPT),
    ],
  ) {}

  current(): Promise<ForegroundActivity | null> {
    const child = this.ensureChild();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A late answer would belong to the wrong request: start over with a fresh helper.
        this.waiting = this.waiting.filter((w) => w !== done);
        this.close();
        resolve(null);
      }, 2000);
      const done = (line: string | null): void => {
        clearTimeout(timer);
        resolve(line === null ? null : parseForegroundJson(line));
      };
      this.waiting.push(done);
      child.stdin.write('\n');
    });
  }

  close(): void {
    this.child?.kill();
    this.child = null;
  }

  private ensureChild(): ChildProcessWithoutNullStreams {
    if (this.child && this.child.exitCode === null) return this.child;
    const child = spawn(this.command, this.args, { windowsHide: true });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf('\n');
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline).trim();
        this.buffer = this.buffer.slice(newline + 1);
        this.waiting.shift()?.(line);
        newline = this.buffer.indexOf('\n');
      }
    });
    child.on('exit', () => {
      for (const waiter of this.waiting.splice(0)) waiter(null);
      this.child = null;
    });
    child.on('error', () => undefined);
    this.child = child;
    return child;
  }
}
