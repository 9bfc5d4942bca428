// `node tools/main-thread.mjs <path> <loads> <build dir>…`: the browser main thread's CPU time while
// a page of the console loads, for builds compared on the same machine in the same minutes.
// Lighthouse's scores on these shared 2-vCPU machines move by ±5 between runs of one build; this
// counts what the score's blocking time is made of, and less of the machine's noise:
// - each task's CPU time on the main thread (the trace's thread time, not wall time), so a
//   task the machine pre-empted does not look longer;
// - "blocking": Lighthouse's simulation of a phone, each task × 4 and what exceeds 50 ms.
// Each build directory (a copy of frontend/dist/console) is copied into place in turn, alternating,
// `loads` times; the medians are printed. A script, not a test: CI does not run it.
import { execFileSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import {
  chromium,
  consoleDir,
  requireBuilds,
  seed,
  signIn,
  startServer,
} from './served-console.mjs';

const [path = '/dashboard', loads = '5', ...builds] = process.argv.slice(2);
if (builds.length === 0) {
  console.error('usage: node tools/main-thread.mjs <path> <loads> <build dir>…');
  process.exit(2);
}
requireBuilds();

/** Main-thread tasks of the page's renderer, from a Chromium trace. */
function mainThreadTasks(events) {
  const threads = new Map(
    events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]),
  );
  const busy = new Map();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.name === 'RunTask' && threads.get(thread) === 'CrRendererMain')
      busy.set(thread, (busy.get(thread) ?? 0) + (e.tdur ?? 0));
  }
  const [page] = [...busy].sort((a, b) => b[1] - a[1])[0];
  return events.filter((e) => e.name === 'RunTask' && `${e.pid}:${e.tid}` === page && e.tdur);
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const copyInto = (dir) => execFileSync('cp', ['-r', `${dir}/.`, consoleDir]);
const original = `${consoleDir}.main-thread-backup`;
execFileSync('cp', ['-r', consoleDir, original]);
const server = await startServer();
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const results = new Map(builds.map((build) => [build, []]));
try {
  await seed(server.url);
  for (let i = 0; i < Number(loads); i++) {
    for (const build of builds) {
      execFileSync('rm', ['-rf', consoleDir]);
      execFileSync('mkdir', ['-p', consoleDir]);
      copyInto(build);
      const page = await browser.newPage();
      await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true });
      if (path !== '/sign-in') await signIn(page, server.url);
      await page.goto('about:blank');
      const cdp = await page.createCDPSession();
      await cdp.send('Network.clearBrowserCache');
      await page.tracing.start({
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
      });
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle0' });
      await new Promise((done) => setTimeout(done, 3000));
      const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString());
      const tasks = mainThreadTasks(trace.traceEvents);
      const ms = tasks.map((e) => e.tdur / 1000);
      results.get(build).push({
        cpu: ms.reduce((a, b) => a + b, 0),
        blocking: ms.reduce((a, b) => a + Math.max(0, 4 * b - 50), 0),
        longest: Math.max(...ms),
      });
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
  execFileSync('rm', ['-rf', consoleDir]);
  execFileSync('mv', [original, consoleDir]);
}
console.log(`${path}, ${loads} loads per build, medians (ms):`);
console.log('build                                 main-thread CPU  blocking (×4)  longest task');
for (const [build, runs] of results) {
  const m = (key) => String(Math.round(median(runs.map((r) => r[key]))));
  console.log(
    `${build.padEnd(38)} ${m('cpu').padStart(15)}  ${m('blocking').padStart(13)}  ${m('longest').padStart(12)}`,
  );
}
