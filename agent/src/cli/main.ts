#!/usr/bin/env node
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FileSecretStore } from '../core/adapters/file-secret-store.js';
import { ScriptedTimeline, type ActivityScript } from '../core/adapters/scripted.js';
import { X11ScreenCapture } from '../core/adapters/x11-capture.js';
import { X11Source } from '../core/adapters/x11-native.js';
import { Agent } from '../core/agent.js';
import { ScriptedClock, systemClock } from '../core/clock.js';
import { loadConfig, saveConfig } from '../core/config.js';
import { describeDisplay } from '../core/display.js';
import { acquireLock, readLock, type HeldLock } from '../core/instance-lock.js';
import { LiveCollector } from '../core/activitywatch/collector.js';
import { importHistory } from '../core/activitywatch/import.js';
import { AwServer } from '../core/activitywatch/server.js';
import { AwStore } from '../core/activitywatch/store.js';
import type { CanonicalPiece } from '../core/activitywatch/transforms.js';
import type { SpanState } from '../core/types.js';
import { DEFAULT_PUBLISH_SECONDS } from '../core/config.js';
import { noticeLanguage } from '../core/notice.js';
import { enrollDevice } from '../core/enrollment.js';
import { FetchTransport } from '../core/http-transport.js';
import { jsonLogger } from '../core/logger.js';
import type { ActivitySource, IdleSource, SpooledScreenshot } from '../core/ports.js';
import { SqliteSpool } from '../core/spool/sqlite-spool.js';
import { AGENT_VERSION } from '../core/version.js';
import { uninstall } from './uninstall.js';

const USAGE = `calltimex-agent ${AGENT_VERSION}

  calltimex-agent enroll --server URL --token ENROLLMENT_TOKEN --email EMPLOYEE_EMAIL
  calltimex-agent run [--script DAY.json --speed N]
  calltimex-agent run --source activitywatch [--aw-port 5600]
                                         serve ActivityWatch's watchers instead of reading the screen
  calltimex-agent import-aw FILE         import an aw-server JSON export (idempotent)
  calltimex-agent status [--json]        exit code 0: an agent runs; 3: none runs
  calltimex-agent notice [--accept]
  calltimex-agent uninstall [--keep-data]
                                         stop and remove what install.sh installed, and the agent's
                                         state (device token, spool) unless --keep-data
  calltimex-agent screenshots list [--json]
                                         the screenshots taken of this screen in the last 7 days
  calltimex-agent screenshots delete ID  delete one: from the queue if not sent yet, else on the
                                         server (within the time the organization allows)

  --home DIR   state directory (default $CALLTIMEX_AGENT_HOME or ~/.config/calltimex-agent)

  SIGTERM (systemctl --user stop) ends the open span, uploads what it can within 15 s and exits 0;
  what is not uploaded stays in the spool for the next run.
`;

/** Pinned: SIGTERM → exit within 15 s. Sampling gets 3 s to finish, uploads the rest. */
const STOP_BUDGET_MS = 12_000;
const STOP_SAMPLING_MS = 3_000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    home: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    email: { type: 'string' },
    script: { type: 'string' },
    source: { type: 'string', default: 'x11' },
    'aw-port': { type: 'string', default: '5600' },
    speed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    accept: { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

const home =
  values.home ??
  process.env.CALLTIMEX_AGENT_HOME ??
  join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'calltimex-agent');
const paths = {
  config: join(home, 'config.json'),
  secrets: join(home, 'secrets.json'),
  spool: join(home, 'spool.sqlite'),
  activitywatch: join(home, 'activitywatch.sqlite'),
};
const logger = jsonLogger();

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function enroll(): Promise<void> {
  const { server, token, email } = values;
  if (!server || !token || !email) fail('enroll needs --server, --token and --email');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const config = await enrollDevice(
    { serverUrl: server, enrollmentToken: token, employeeEmail: email },
    loadConfig(paths.config),
    new FetchTransport(),
    new FileSecretStore(paths.secrets),
  );
  saveConfig(paths.config, config);
  process.stdout.write(`enrolled as device ${config.deviceId ?? ''} for ${email}\n`);
}

async function openAgent(
  overrides: Partial<Parameters<typeof Agent.create>[0]> = {},
): Promise<{ agent: Agent; spool: SqliteSpool }> {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const config = loadConfig(paths.config);
  const spool = new SqliteSpool(paths.spool, config.spool);
  const x11 = new X11Source(logger);
  const agent = await Agent.create({
    config,
    activity: x11,
    idle: x11,
    clock: systemClock,
    spool,
    secrets: new FileSecretStore(paths.secrets),
    transport: new FetchTransport(),
    logger,
    language: noticeLanguage(process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG),
    ...overrides,
  });
  return { agent, spool };
}

function stopSignal(): AbortController {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => controller.abort());
  }
  return controller;
}

function takeLock(source: string): HeldLock {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const result = acquireLock(home, { source, version: AGENT_VERSION });
  if (!result.ok) {
    const { pid, startedAt, source: theirs } = result.holder;
    fail(`an agent already runs with ${home}: pid ${pid} since ${startedAt} (${theirs})`, 1);
  }
  return result.lock;
}

const never = new Promise<never>(() => undefined);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/** What `status` shows of a running agent's uploads, refreshed every few seconds. */
function publishUploadStatus(agent: Agent, spool: SqliteSpool): void {
  spool.set('uploadStatus', JSON.stringify(agent.uploader.status()));
}

/**
 * The pinned stop: the open span is ended (at its last sample) and committed, everything recorded
 * is uploaded while the budget lasts, then the process exits 0 — within 15 s of the signal even if
 * the server does not answer (the rest waits in the spool).
 */
async function stopGracefully(
  agent: Agent,
  spool: SqliteSpool,
  lock: HeldLock,
  sampling: Promise<unknown>,
  finish: () => void = () => agent.shutdown(),
): Promise<never> {
  const deadline = Date.now() + STOP_BUDGET_MS;
  await Promise.race([sampling, sleep(STOP_SAMPLING_MS)]);
  finish();
  const remaining = Math.max(0, deadline - Date.now());
  const drained = agent.uploader.drain(AbortSignal.timeout(remaining)).catch((error: unknown) => {
    logger.error('upload at stop failed', { error: String(error) });
  });
  await Promise.race([drained, sleep(remaining)]);
  // Screenshots after the events, in what is left of the budget; the rest waits in the spool.
  const left = Math.max(0, deadline - Date.now());
  const shots = agent.screenshotUploader
    .drain(AbortSignal.timeout(left))
    .catch((error: unknown) => {
      logger.error('screenshot upload at stop failed', { error: String(error) });
    });
  await Promise.race([shots, sleep(left)]);
  publishUploadStatus(agent, spool);
  const { queued, delivered } = spool.stats();
  logger.info('agent stopped', { queued, delivered });
  spool.close();
  lock.release();
  process.exit(0);
  return never;
}

async function run(): Promise<void> {
  if (values.script) return runScripted(values.script, Number(values.speed));
  if (values.source === 'activitywatch') return runActivityWatch();
  if (values.source !== 'x11') fail('--source is x11 (the default) or activitywatch');
  // Signals first: a SIGTERM while starting up is a graceful stop too.
  const controller = stopSignal();
  const { signal } = controller;
  const display = describeDisplay(process.env);
  const lock = takeLock(display.session === 'x11' ? 'x11' : `x11 (${display.session} session)`);
  const noIdle: IdleSource = { idleSeconds: () => Promise.resolve(0) };
  const x11 = new X11Source(logger);
  // Under Wayland the X server (XWayland) shows only X11 programs' windows: no screenshots there.
  const screen = display.session === 'x11' ? new X11ScreenCapture(logger) : null;
  const sources: { activity: ActivitySource; idle: IdleSource } = {
    activity: x11,
    idle: display.idle ? x11 : noIdle,
  };
  const { agent, spool } = await openAgent({
    ...sources,
    screen,
    onScreenshot: (shot) =>
      logger.info('screenshot taken', {
        id: shot.id,
        capturedAt: new Date(shot.capturedAt).toISOString(),
        delete: `calltimex-agent screenshots delete ${shot.id}`,
      }),
  });
  if (agent.trackingState(Date.now()) === 'not-enrolled') {
    lock.release();
    fail('not enrolled: run `enroll` first');
  }
  if (display.warning) logger.warn(display.warning, { session: display.session });
  spool.set('display', JSON.stringify(display));
  logger.info('agent started', { version: AGENT_VERSION, home, session: display.session });
  await Promise.race([agent.refreshFromServer(), once(signal)]);
  if (agent.notice.pending()) {
    logger.warn('the monitoring notice is not acknowledged: run `calltimex-agent notice`');
  }
  const sampling = agent.sample(signal);
  void agent.uploader.run(signal);
  void agent.watchServer(signal);
  const capturing = agent.screenshots.run(signal);
  void agent.screenshotUploader.run(signal);
  const statusTimer = setInterval(() => publishUploadStatus(agent, spool), 5000);
  await once(signal);
  clearInterval(statusTimer);
  await stopGracefully(agent, spool, lock, Promise.all([sampling, capturing]), () => {
    x11.close();
    screen?.close();
    agent.shutdown();
  });
}

/** A canonical piece through the agent's privacy filters. */
function filterPiece(agent: Agent): (piece: CanonicalPiece) => SpanState {
  return (piece) =>
    piece.kind === 'idle'
      ? { kind: 'idle' }
      : agent.filter(
          piece.app === undefined
            ? null
            : {
                app: piece.app,
                ...(piece.title === undefined ? {} : { title: piece.title }),
                ...(piece.url === undefined ? {} : { url: piece.url }),
              },
        );
}

/**
 * `run --source activitywatch`: serves aw-server's API to ActivityWatch's watchers on 127.0.0.1,
 * and every few seconds turns what they reported into spans (canonical view, privacy filters,
 * notice gate) for the same spool and uploader.
 */
async function runActivityWatch(): Promise<void> {
  const port = Number(values['aw-port']);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail('--aw-port must be a TCP port');
  const controller = stopSignal();
  const { signal } = controller;
  const lock = takeLock(`activitywatch on 127.0.0.1:${port}`);
  const { agent, spool } = await openAgent();
  if (agent.trackingState(Date.now()) === 'not-enrolled') {
    lock.release();
    fail('not enrolled: run `enroll` first');
  }
  const store = new AwStore(paths.activitywatch);
  const collector = new LiveCollector(store, () => agent.config.workHours);
  const server = new AwServer({ store, port });
  try {
    await server.start();
  } catch (error) {
    lock.release();
    fail(
      `cannot serve the ActivityWatch API on 127.0.0.1:${port} (${String(error)}): ` +
        'is aw-server running? Stop it (the watchers then report here), or choose --aw-port',
      1,
    );
  }
  spool.set('display', JSON.stringify({ session: 'activitywatch', warning: null }));
  logger.info('agent started', { version: AGENT_VERSION, home, source: 'activitywatch', port });
  await Promise.race([agent.refreshFromServer(), once(signal)]);
  if (agent.notice.pending()) {
    logger.warn('the monitoring notice is not acknowledged: run `calltimex-agent notice`');
  }
  const interval = agent.config.sampling.intervalSeconds * 1000;
  const publishMs = (agent.config.sampling.publishSeconds ?? DEFAULT_PUBLISH_SECONDS) * 1000;
  const filter = filterPiece(agent);
  const combine = (): void => {
    const now = Date.now();
    agent.record(collector.combine(now, filter), now);
  };
  const sampling = (async () => {
    let lastCombine = 0;
    let lastPrune = Date.now();
    while (!signal.aborted) {
      try {
        const now = Date.now();
        collector.noteGate(now, agent.trackingState(now) === 'tracking');
        if (now - lastCombine >= publishMs) {
          combine();
          lastCombine = now;
        }
        if (now - lastPrune >= 3600_000) {
          collector.prune(now);
          lastPrune = now;
        }
      } catch (error) {
        logger.error('combining ActivityWatch data failed', { error: String(error) });
      }
      await systemClock.sleep(interval, signal);
    }
  })();
  void agent.uploader.run(signal);
  void agent.watchServer(signal);
  const statusTimer = setInterval(() => publishUploadStatus(agent, spool), 5000);
  await once(signal);
  clearInterval(statusTimer);
  await server.stop();
  await stopGracefully(agent, spool, lock, sampling, () => {
    // What the watchers said up to now, before the uploads that close the run.
    try {
      const now = Date.now();
      collector.noteGate(now, agent.trackingState(now) === 'tracking');
      combine();
    } catch (error) {
      logger.error('combining ActivityWatch data failed', { error: String(error) });
    }
    store.close();
  });
}

/** `import-aw FILE`: history exported from aw-server, as spans; importing it again adds nothing. */
async function importAw(): Promise<void> {
  const file = positionals[1];
  if (!file) fail('import-aw needs the export file: calltimex-agent import-aw FILE');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read ${file} as JSON: ${String(error)}`);
  }
  const { agent, spool } = await openAgent();
  try {
    await agent.refreshFromServer();
    const state = agent.trackingState(Date.now());
    const refused: Record<string, string> = {
      'not-enrolled': 'not enrolled: run `enroll` first',
      'organization-closed': 'the organization is closed: it takes no data',
      'notice-unknown':
        'the server could not be asked about the monitoring notice: try again online',
      'notice-pending': 'the monitoring notice is not acknowledged: run `calltimex-agent notice`',
    };
    if (refused[state]) fail(refused[state], 1);
    const store = new AwStore(paths.activitywatch);
    let outcome: ReturnType<typeof importHistory>;
    try {
      outcome = importHistory(json, store, filterPiece(agent), agent.config.workHours);
    } catch (error) {
      fail(String(error instanceof Error ? error.message : error), 1);
    } finally {
      store.close();
    }
    agent.record(outcome.spans);
    process.stdout.write(
      `read ${outcome.events} events from ${outcome.buckets} buckets` +
        (outcome.invalidEvents > 0 ? ` (${outcome.invalidEvents} invalid, left out)` : '') +
        `: ${outcome.spans.length} spans queued` +
        (outcome.spans.length === 0 ? ' (nothing new: imported before)' : '') +
        '\n',
    );
    if (readLock(home).state === 'running') {
      process.stdout.write('the running agent uploads them\n');
      return;
    }
    await agent.uploader.drain(AbortSignal.timeout(60_000));
    const { queued } = spool.stats();
    process.stdout.write(
      queued === 0
        ? 'uploaded\n'
        : `${queued} events wait in the spool: the next \`run\` uploads them\n`,
    );
  } finally {
    spool.close();
  }
}

function once(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** A scripted day on virtual time; a restarted run resumes at its last recorded sample. */
async function runScripted(file: string, speed: number): Promise<void> {
  if (!(speed > 0)) fail('--speed must be a positive number');
  const script = JSON.parse(readFileSync(file, 'utf8')) as ActivityScript;
  const probe = new ScriptedTimeline(script, systemClock);
  const lock = takeLock('script');
  const spool0 = new SqliteSpool(paths.spool);
  const resumeAt = spool0.stats().lastTickAt ?? probe.start;
  spool0.close();
  const clock = new ScriptedClock(resumeAt, speed);
  const timeline = new ScriptedTimeline(script, clock);
  const { agent, spool } = await openAgent({
    activity: timeline,
    idle: timeline,
    clock,
    uploadClock: systemClock,
    uploaderOptions: { baseDelayMs: 200, maxDelayMs: 2000, pollMs: 200 },
  });
  const controller = stopSignal();
  const { signal } = controller;
  await agent.refreshFromServer();
  const pending = agent.notice.pending();
  if (pending && values.accept) await agent.notice.acknowledge(pending.version);
  logger.info('scripted run', { from: new Date(resumeAt).toISOString(), speed });
  const uploads = agent.uploader.run(signal);
  const interval = agent.config.sampling.intervalSeconds * 1000;
  let off: boolean | null = null;
  while (!signal.aborted && clock.now() < timeline.end) {
    const nowOff = timeline.isOff(clock.now());
    if (nowOff !== off) await agent.setSuspended(nowOff);
    else await agent.tick();
    off = nowOff;
    await clock.sleep(interval, signal);
  }
  const finished = !signal.aborted;
  if (finished) {
    await agent.setSuspended(true);
    agent.shutdown();
    await agent.uploader.drain(signal);
  }
  controller.abort();
  await uploads;
  const stats = agent.status().spool;
  spool.close();
  lock.release();
  process.stdout.write(`${JSON.stringify({ finished, ...stats })}\n`);
}

function ago(at: number | null, now: number): string {
  if (at === null) return 'never';
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  return `${new Date(at).toISOString()} (${seconds} s ago)`;
}

async function status(): Promise<void> {
  const lock = readLock(home);
  const { agent, spool } = await openAgent();
  const current = agent.status();
  const upload = spool.get('uploadStatus');
  const seen = spool.get('display');
  spool.close();
  const now = Date.now();
  const running = lock.state === 'running';
  // What the running agent found in its session (this shell may have no display of its own).
  const display =
    running && seen !== null
      ? (JSON.parse(seen) as ReturnType<typeof describeDisplay>)
      : describeDisplay(process.env);
  const process_ =
    lock.state === 'none'
      ? { running: false }
      : { running, pid: lock.info.pid, startedAt: lock.info.startedAt, source: lock.info.source };
  const uploader = upload === null ? null : (JSON.parse(upload) as typeof current.upload);
  if (values.json) {
    const out = { ...current, agent: process_, display, ...(uploader ? { upload: uploader } : {}) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    process.exit(running ? 0 : 3);
  }
  const agentLine =
    lock.state === 'running'
      ? `running (pid ${lock.info.pid} since ${lock.info.startedAt}, ${lock.info.source})`
      : lock.state === 'stale'
        ? `not running: the last one (pid ${lock.info.pid}, started ${lock.info.startedAt}) ended without stopping (crash, kill -9 or power loss)`
        : 'not running';
  const lines = [
    `agent:       ${agentLine}`,
    `state:       ${current.tracking}${current.pause.paused ? ' (paused)' : ''}`,
    `server:      ${current.serverUrl ?? '-'}`,
    `employee:    ${current.employeeEmail ?? '-'}`,
    `device:      ${current.deviceId ?? '-'}`,
    `last sample: ${ago(current.spool.lastTickAt, now)}`,
    `last upload: ${ago(current.spool.lastUploadAt, now)}`,
    ...(uploader && running
      ? [`upload:      ${uploader.state}${uploader.lastError ? ` (${uploader.lastError})` : ''}`]
      : []),
    `queued:      ${current.spool.queued} events (${current.spool.queuedBytes} bytes)`,
    `delivered:   ${current.spool.delivered} (+${current.spool.duplicates} duplicates)`,
    `rejected:    ${current.spool.rejected}`,
    `dropped:     ${current.spool.dropped} (spool full)`,
    `screenshots: ${screenshotLine(current.screenshots)}`,
    ...(display.warning ? [`display:     ${display.warning}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exit(running ? 0 : 3);
}

function screenshotLine(s: ReturnType<Agent['status']>['screenshots']): string {
  const policy = s.policy.enabled
    ? `on (every ${s.policy.intervalSeconds} s${s.policy.randomize ? ', at a random moment' : ''})`
    : `off${s.policy.reason ? ` (${s.policy.reason})` : ''}`;
  return (
    `${policy}; ${s.stats.queued} queued (${s.stats.queuedBytes} bytes), ` +
    `${s.stats.uploaded} uploaded, ${s.stats.refused} refused, ${s.stats.dropped} dropped`
  );
}

function describeShot(shot: SpooledScreenshot): string {
  const state =
    shot.state === 'queued'
      ? 'not sent yet'
      : shot.state === 'uploaded'
        ? `uploaded ${new Date(shot.uploadedAt ?? shot.capturedAt).toISOString()}`
        : 'deleted';
  return `${shot.id}  ${new Date(shot.capturedAt).toISOString()}  ${shot.width}x${shot.height}  ${state}`;
}

/** `screenshots list|delete ID`: the person sees and deletes their own screenshots. */
async function screenshots(): Promise<void> {
  const action = positionals[1];
  if (action !== 'list' && action !== 'delete') {
    fail('usage: calltimex-agent screenshots list | calltimex-agent screenshots delete ID');
  }
  const { agent, spool } = await openAgent();
  try {
    if (action === 'list') {
      const shots = agent.screenshots.list();
      if (values.json) {
        const out = shots.map((s) => ({
          ...s,
          capturedAt: new Date(s.capturedAt).toISOString(),
          uploadedAt: s.uploadedAt === null ? null : new Date(s.uploadedAt).toISOString(),
        }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const policy = agent.screenshots.policy();
      process.stdout.write(
        `screenshots are ${policy.enabled ? 'on' : 'off'}\n` +
          (shots.length === 0
            ? 'no screenshots in the last 7 days\n'
            : `${shots.map(describeShot).join('\n')}\n`),
      );
      return;
    }
    const id = positionals[2];
    if (!id) fail('usage: calltimex-agent screenshots delete ID');
    const outcome = await agent.screenshots.delete(id);
    if (outcome.ok) {
      process.stdout.write(
        outcome.where === 'spool'
          ? `deleted ${id} (it had not been sent: it never will be)\n`
          : `deleted ${id} on the server\n`,
      );
      return;
    }
    fail(`not deleted: ${outcome.detail}`, outcome.reason === 'offline' ? 1 : 4);
  } finally {
    spool.close();
  }
}

async function notice(): Promise<void> {
  const { agent, spool } = await openAgent();
  try {
    await agent.refreshFromServer();
    const known = agent.notice.knowledge();
    if (known.kind === 'unknown') fail('the server could not be asked for the notice', 1);
    if (known.kind === 'none') {
      process.stdout.write('the organization requires no monitoring notice\n');
      return;
    }
    process.stdout.write(`${known.notice.text}\n\n(version ${String(known.notice.version)})\n`);
    if (values.accept) {
      await agent.notice.acknowledge(known.notice.version);
      process.stdout.write('acknowledged\n');
    } else if (agent.notice.pending()) {
      process.stdout.write('not acknowledged yet: run `calltimex-agent notice --accept`\n');
    }
  } finally {
    spool.close();
  }
}

async function uninstallCommand(): Promise<void> {
  const removed = await uninstall({
    home,
    keepData: values['keep-data'],
    env: process.env,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  for (const path of removed) process.stdout.write(`removed ${path}\n`);
  process.stdout.write('the CallTimeX agent is uninstalled\n');
}

const commands: Record<string, () => Promise<void>> = {
  enroll,
  run,
  status,
  notice,
  screenshots,
  'import-aw': importAw,
  uninstall: uninstallCommand,
};
const command = positionals[0];
if (values.help || command === undefined || !(command in commands)) {
  process.stdout.write(USAGE);
  process.exit(values.help ? 0 : 2);
}
commands[command]!().catch((error: unknown) => fail(String(error), 1));
