// A test file stuck where jest's timeouts cannot reach it (a loop that never yields to the event
// loop; an import that never settles) would hold its jest worker until CI's time runs out, saying
// nothing. A thread of its own (stuck-file-watcher.mjs) watches each file: past
// TEST_FILE_LIMIT_SECONDS it prints the main thread's JavaScript stack (through the inspector,
// which can pause even a busy loop) and ends the worker process with STUCK_EXIT_CODE. jest-worker
// restarts a worker that exits with a code and hands it the same file again, so the file runs
// again and must then pass. The stack stays in the log, and the file is listed in TEST_STUCK_LOG,
// which `npm test`'s summary prints.
import { Worker } from 'node:worker_threads';

const limitSeconds = Number(process.env.TEST_FILE_LIMIT_SECONDS ?? 600);
const STUCK_EXIT_CODE = 75;

// Run in band, the process is jest itself: it is left alone, and the stage's own limit
// (`timeout` in scripts/test.sh) ends it.
const inWorkerProcess = /processChild\.js$/.test(process.argv[1] ?? '');

const guard = new Worker(new URL('./stuck-file-watcher.mjs', import.meta.url), {
  workerData: {
    file: expect.getState().testPath,
    limitSeconds,
    inWorkerProcess,
    exitCode: STUCK_EXIT_CODE,
  },
});
guard.unref();
guard.on('message', () => {
  process.stderr.write('It runs no JavaScript: it waits on something that does not come.\n');
  if (inWorkerProcess) process.exit(STUCK_EXIT_CODE);
  void guard.terminate();
});
afterAll(() => guard.terminate());
