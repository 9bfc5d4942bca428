// Where each given Node process is: opens its inspector (SIGUSR1; NODE_OPTIONS carries
// --inspect-port=0, so each picks a free port), pauses it and prints its JavaScript stack. A process
// that does not pause is not running JavaScript: its event loop waits, and what it waits on is
// printed instead. Used by stage-watchdog.sh on a stuck test stage. Needs --experimental-websocket
// on Node 20.
//   usage: node --experimental-websocket scripts/print-stacks.mjs PID...
import { execFileSync } from 'node:child_process';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function inspectorPort(pid) {
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    const sockets = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' });
    const line = sockets.split('\n').find((l) => l.includes(`pid=${pid},`));
    const port = line?.match(/127\.0\.0\.1:(\d+)/)?.[1];
    if (port) return port;
  }
  return null;
}

async function printStack(pid) {
  console.log(`\n--- pid ${pid}`);
  process.kill(pid, 'SIGUSR1');
  const port = await inspectorPort(pid);
  if (!port) return console.log('  its inspector did not open');
  const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve);
    ws.addEventListener('error', reject);
  });
  let id = 0;
  const replies = new Map();
  let onPaused = () => {};
  // jest runs test code in vm contexts: a frame's own url is often empty, its script's is not.
  const scripts = new Map();
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.method === 'Debugger.scriptParsed') {
      scripts.set(message.params.scriptId, message.params.url);
    }
    if (message.method === 'Debugger.paused') onPaused(message.params);
    if (message.id) replies.get(message.id)?.(message.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      replies.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  const paused = new Promise((resolve) => (onPaused = resolve));
  void send('Debugger.enable');
  void send('Debugger.pause');
  const stop = await Promise.race([paused, sleep(3000).then(() => null)]);
  if (stop) {
    for (const f of stop.callFrames) {
      const url = f.url || scripts.get(f.location.scriptId) || '?';
      const where = `${url}:${f.location.lineNumber + 1}:${f.location.columnNumber + 1}`;
      console.log(`  at ${f.functionName || '<anonymous>'} (${where})`);
    }
  } else {
    const waiting = await Promise.race([
      send('Runtime.evaluate', {
        expression: 'process.getActiveResourcesInfo().join(", ")',
        returnByValue: true,
      }),
      sleep(3000).then(() => null),
    ]);
    console.log(
      waiting
        ? `  not running JavaScript; waiting on: ${waiting.result.value}`
        : '  neither paused nor answered (blocked in native code?)',
    );
  }
  ws.close();
}

for (const pid of process.argv.slice(2).map(Number)) {
  await printStack(pid).catch((error) => console.log(`  ${error.message}`));
}
