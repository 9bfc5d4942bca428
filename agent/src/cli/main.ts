#!/usr/bin/env node
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FileSecretStore } from '../core/adapters/file-secret-store.js';
import { XpropActivitySource, XprintidleIdleSource } from '../core/adapters/linux-x11.js';
import { ScriptedTimeline, type ActivityScript } from '../core/adapters/scripted.js';
import { Agent } from '../core/agent.js';
import { ScriptedClock, systemClock } from '../core/clock.js';
import { loadConfig, saveConfig } from '../core/config.js';
import { noticeLanguage } from '../core/notice.js';
import { enrollDevice } from '../core/enrollment.js';
import { FetchTransport } from '../core/http-transport.js';
import { jsonLogger } from '../core/logger.js';
import { SqliteSpool } from '../core/spool/sqlite-spool.js';
import { AGENT_VERSION } from '../core/version.js';

const USAGE = `calltimex-agent ${AGENT_VERSION}

  calltimex-agent enroll --server URL --token ENROLLMENT_TOKEN --email EMPLOYEE_EMAIL
  calltimex-agent run [--script DAY.json --speed N]
  calltimex-agent status [--json]
  calltimex-agent notice [--accept]

  --home DIR   state directory (default $CALLTIMEX_AGENT_HOME or ~/.config/calltimex-agent)
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    home: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    email: { type: 'string' },
    script: { type: 'string' },
    speed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    accept: { type: 'boolean', default: false },
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
  const agent = await Agent.create({
    config,
    activity: new XpropActivitySource(),
    idle: new XprintidleIdleSource(logger),
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

async function run(): Promise<void> {
  if (values.script) return runScripted(values.script, Number(values.speed));
  const { agent, spool } = await openAgent();
  if (agent.trackingState(Date.now()) === 'not-enrolled') fail('not enrolled: run `enroll` first');
  const controller = stopSignal();
  const { signal } = controller;
  logger.info('agent started', { version: AGENT_VERSION, home });
  await agent.refreshFromServer();
  if (agent.notice.pending()) {
    logger.warn('the monitoring notice is not acknowledged: run `calltimex-agent notice`');
  }
  await Promise.all([agent.sample(signal), agent.uploader.run(signal), agent.watchServer(signal)]);
  agent.shutdown();
  await agent.uploader.drain(AbortSignal.timeout(5000));
  logger.info('agent stopped', { ...agent.status().spool });
  spool.close();
}

/** A scripted day on virtual time; a restarted run resumes at its last recorded sample. */
async function runScripted(file: string, speed: number): Promise<void> {
  if (!(speed > 0)) fail('--speed must be a positive number');
  const script = JSON.parse(readFileSync(file, 'utf8')) as ActivityScript;
  const probe = new ScriptedTimeline(script, systemClock);
  mkdirSync(home, { recursive: true, mode: 0o700 });
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
  process.stdout.write(`${JSON.stringify({ finished, ...stats })}\n`);
}

async function status(): Promise<void> {
  const { agent, spool } = await openAgent();
  const current = agent.status();
  spool.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(current, null, 2)}\n`);
    return;
  }
  const lines = [
    `state:      ${current.tracking}${current.pause.paused ? ' (paused)' : ''}`,
    `server:     ${current.serverUrl ?? '-'}`,
    `employee:   ${current.employeeEmail ?? '-'}`,
    `device:     ${current.deviceId ?? '-'}`,
    `queued:     ${current.spool.queued} events (${current.spool.queuedBytes} bytes)`,
    `delivered:  ${current.spool.delivered} (+${current.spool.duplicates} duplicates)`,
    `rejected:   ${current.spool.rejected}`,
    `dropped:    ${current.spool.dropped} (spool full)`,
    `last sample: ${current.spool.lastTickAt ? new Date(current.spool.lastTickAt).toISOString() : '-'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
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

const commands: Record<string, () => Promise<void>> = { enroll, run, status, notice };
const command = positionals[0];
if (values.help || command === undefined || !(command in commands)) {
  process.stdout.write(USAGE);
  process.exit(values.help ? 0 : 2);
}
commands[command]!().catch((error: unknown) => fail(String(error), 1));
