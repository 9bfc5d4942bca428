// The one declaration of every IPC channel between the renderer pages and the main process.
// Plain types and validators only: the renderer, the preload and main all import this file.

export type TrayState = 'tracking' | 'paused' | 'offline' | 'notice-pending' | 'stopped';

export interface StatusView {
  state: TrayState;
  /** Why the agent is or is not recording, e.g. `outside-work-hours`. */
  detail: string;
  enrolled: boolean;
  queued: number;
  dropped: number;
  rejected: number;
  lastUploadAt: string | null;
  paused: boolean;
  pauseRemainingMinutes: number;
  serverUrl: string | null;
  employeeEmail: string | null;
}

export interface NoticeView {
  version: string | number;
  text: string;
  language: string;
}

export interface SettingsView {
  serverUrl: string | null;
  employeeEmail: string | null;
  enrolled: boolean;
  startAtLogin: boolean;
}

/** A screenshot of this screen, as the person sees it in the status page. */
export interface ScreenshotView {
  id: string;
  capturedAt: string;
  width: number;
  height: number;
  /** `queued`: not sent yet; `uploaded`: on the server; `deleted`: deleted by the person. */
  state: 'queued' | 'uploaded' | 'deleted';
}

export interface EnrollInput {
  serverUrl: string;
  enrollmentToken: string;
  employeeEmail: string;
}

export type ActionResult = { ok: true } | { ok: false; error: string };

/** Request and response of each `ipcRenderer.invoke` channel. */
export interface InvokeContract {
  'status:get': { request: null; response: StatusView };
  'notice:get': { request: null; response: NoticeView | null };
  'notice:acknowledge': { request: { version: string | number }; response: ActionResult };
  'pause:set': { request: { paused: boolean }; response: ActionResult };
  'settings:get': { request: null; response: SettingsView };
  'settings:enroll': { request: EnrollInput; response: ActionResult };
  'settings:start-at-login': { request: { enabled: boolean }; response: ActionResult };
  'screenshots:list': { request: null; response: ScreenshotView[] };
  'screenshots:delete': { request: { id: string }; response: ActionResult };
}

export type InvokeChannel = keyof InvokeContract;

/** Main → renderer pushes. */
export interface EventContract {
  'status:changed': StatusView;
}

export type EventChannel = keyof EventContract;

export const EVENT_CHANNELS: readonly EventChannel[] = ['status:changed'];

type Validator<T> = (payload: unknown) => payload is T;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Exactly these keys, nothing else. */
function hasOnlyKeys(value: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k)) && keys.every((k) => k in value);
}

const isNull: Validator<null> = (p): p is null => p === null || p === undefined;

function shortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

export const isEnrollInput: Validator<EnrollInput> = (p): p is EnrollInput =>
  isRecord(p) &&
  hasOnlyKeys(p, ['serverUrl', 'enrollmentToken', 'employeeEmail']) &&
  shortString(p.serverUrl, 2048) &&
  /^https?:\/\/[^\s/]+/i.test(p.serverUrl) &&
  shortString(p.enrollmentToken, 512) &&
  shortString(p.employeeEmail, 320) &&
  /^[^\s@]+@[^\s@]+$/.test(p.employeeEmail);

/** The main process checks every payload against these before acting on it. */
export const INVOKE_VALIDATORS: {
  [C in InvokeChannel]: Validator<InvokeContract[C]['request']>;
} = {
  'status:get': isNull,
  'notice:get': isNull,
  'notice:acknowledge': (p): p is { version: string | number } =>
    isRecord(p) &&
    hasOnlyKeys(p, ['version']) &&
    ((typeof p.version === 'number' && Number.isFinite(p.version)) || shortString(p.version, 100)),
  'pause:set': (p): p is { paused: boolean } =>
    isRecord(p) && hasOnlyKeys(p, ['paused']) && typeof p.paused === 'boolean',
  'settings:get': isNull,
  'settings:enroll': isEnrollInput,
  'settings:start-at-login': (p): p is { enabled: boolean } =>
    isRecord(p) && hasOnlyKeys(p, ['enabled']) && typeof p.enabled === 'boolean',
  'screenshots:list': isNull,
  'screenshots:delete': (p): p is { id: string } =>
    isRecord(p) && hasOnlyKeys(p, ['id']) && shortString(p.id, 100) && /^[A-Za-z0-9-]+$/.test(p.id),
};

export const INVOKE_CHANNELS = Object.keys(INVOKE_VALIDATORS) as InvokeChannel[];

/** What the preload exposes to the pages as `window.calltimex`. */
export interface AgentBridge {
  getStatus(): Promise<StatusView>;
  getNotice(): Promise<NoticeView | null>;
  acknowledgeNotice(version: string | number): Promise<ActionResult>;
  setPaused(paused: boolean): Promise<ActionResult>;
  getSettings(): Promise<SettingsView>;
  enroll(input: EnrollInput): Promise<ActionResult>;
  setStartAtLogin(enabled: boolean): Promise<ActionResult>;
  listScreenshots(): Promise<ScreenshotView[]>;
  deleteScreenshot(id: string): Promise<ActionResult>;
  onStatus(listener: (status: StatusView) => void): () => void;
}
