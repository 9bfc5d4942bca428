// A test file stuck where jest's timeouts cannot reach it (a loop that never yields to the event
// loop; an import that never settles) would hold its jest worker until CI's time runs out, saying
// nothing. A thread of its own watches each file: past TEST_FILE_LIMIT_SECONDS it prints the main
// thread's JavaScript stack (through the inspector, which can pause even a busy loop) and ends the
// worker process with STUCK_EXIT_CODE. jest-worker restarts a worker that exits with a code and
// hands it the same file again, so the file runs again and must then pass. The stack stays in
// the log, and the file is listed in TEST_STUCK_LOG, which `npm test`'s summary prints.
import { Worker } from 'node:worker_threads';

const limitSeconds = Number(process.env.TEST_FILE_LIMIT_SECONDS ?? 600);
const STUCK_EXIT_CODE = 75;

// Run in band, the process is jest itself: it is left alone, and the stage's own limit
// (scripts/stage-watchdog.sh) ends it.
const inWorkerProcess = /processChild\.js$/.test(process.argv[1] ?? '');

// At the limit the thread first asks the main thread: one that is idle (waiting on something that
// never comes) answers at once. One that does not answer runs JavaScript without end: the thread
// pauses it through the inspector, prints where it is, and ends the process from inside.
const watcher = `
const { parentPort, workerData } = require('node:worker_threads');
const { Session } = require('node:inspector');
const { appendFileSync, writeSync } = require('node:fs');
const say = (text) => writeSync(2, text + '\\n');
setTimeout(() => {
  say('\\n!!! STUCK TEST FILE: ' + workerData.file + ' ran past ' + workerData.limitSeconds + ' s.');
  if (process.env.TEST_STUCK_LOG) appendFileSync(process.env.TEST_STUCK_LOG, workerData.file + '\\n');
  parentPort.postMessage('stuck');
  setTimeout(() => {
    const session = new Session();
    session.connectToMainThread();
    const scripts = new Map();
    session.on('Debugger.scriptParsed', ({ params }) => scripts.set(params.scriptId, params.url));
    let paused = false;
    session.on('Debugger.paused', ({ params }) => {
      paused = true;
      say('It runs JavaScript without end; its stack:');
      for (const f of params.callFrames) {
        const url = f.url || scripts.get(f.location.scriptId) || '?';
        say('  at ' + (f.functionName || '<anonymous>') + ' (' + url + ':' + (f.location.lineNumber + 1) + ')');
      }
      if (workerData.inWorkerProcess) {
        session.post('Runtime.evaluate', { expression: 'process.reallyExit(${STUCK_EXIT_CODE})' });
      } else {
        session.post('Debugger.resume', () => session.disconnect());
      }
    });
    session.post('Debugger.enable');
    session.post('Debugger.pause');
    // The session alone does not keep this thread alive until the pause comes.
    setTimeout(() => paused || say('It did not pause: it is blocked in native code.'), 10000);
  }, 2000);
}, workerData.limitSeconds * 1000);
`;

const guard = new Worker(watcher, {
  eval: true,
  workerData: { file: expect.getState().testPath, limitSeconds, inWorkerProcess },
});
guard.unref();
guard.on('message', () => {
  process.stderr.write('It runs no JavaScript: it waits on something that does not come.\n');
  if (inWorkerProcess) process.exit(STUCK_EXIT_CODE);
  void guard.terminate();
});
afterAll(() => guard.terminate());
