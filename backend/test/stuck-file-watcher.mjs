// The thread behind stuck-file-guard.ts: past the limit it first asks the test file's main thread,
// which answers at once if it is idle (waiting on something that never comes). A main thread that
// does not answer runs JavaScript without end: this thread pauses it through the inspector, prints
// its stack and ends the process from inside with the given exit code.
import { appendFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector';
import { parentPort, workerData } from 'node:worker_threads';

const { file, limitSeconds, inWorkerProcess, exitCode } = workerData;
const say = (text) => writeSync(2, `${text}\n`);

function printStackAndEnd() {
  const session = new Session();
  session.connectToMainThread();
  // jest runs test code in vm contexts: a frame's own url is often empty, its script's is not.
  const scripts = new Map();
  session.on('Debugger.scriptParsed', ({ params }) => scripts.set(params.scriptId, params.url));
  let paused = false;
  let steps = 0;
  session.on('Debugger.paused', ({ params }) => {
    paused = true;
    // A pause may land inside Node's own machinery (the microtask queue's hooks): a few steps on
    // reach the code that keeps it busy.
    const internal = params.callFrames.every(({ url, location }) =>
      (url || scripts.get(location.scriptId) || '').startsWith('node:'),
    );
    if (internal && steps++ < 50) {
      session.post('Debugger.stepInto');
      return;
    }
    say('It runs JavaScript without end; its stack:');
    for (const frame of params.callFrames) {
      const url = frame.url || scripts.get(frame.location.scriptId) || '?';
      say(`  at ${frame.functionName || '<anonymous>'} (${url}:${frame.location.lineNumber + 1})`);
    }
    if (inWorkerProcess) {
      session.post('Runtime.evaluate', { expression: `process.reallyExit(${exitCode})` });
    } else {
      session.post('Debugger.resume', () => session.disconnect());
    }
  });
  session.post('Debugger.enable');
  session.post('Debugger.pause');
  // The session alone does not keep this thread alive until the pause comes.
  setTimeout(() => paused || say('It did not pause: it is blocked in native code.'), 10_000);
}

setTimeout(() => {
  say(`\n!!! STUCK TEST FILE: ${file} ran past ${limitSeconds} s.`);
  if (process.env.TEST_STUCK_LOG) appendFileSync(process.env.TEST_STUCK_LOG, `${file}\n`);
  parentPort.postMessage('stuck');
  setTimeout(printStackAndEnd, 2_000);
}, limitSeconds * 1000);
