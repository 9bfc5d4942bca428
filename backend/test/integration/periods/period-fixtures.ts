import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
  type TestUser,
} from '#test/factories/accounts.factory.js';
import type { TestContext } from '#test/support/test-app.js';
import { enrollDevice, sendEvents, type AgentEvent } from '../reports/report-fixtures.js';

export const LOCKED = '2026-10';
export const FROM = '2026-10-01';
export const TO = '2026-10-31';

export function expectProblem(res: request.Response, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.type).toBe('application/problem+json');
  if (code) expect(res.body.type).toBe(`https://calltimex.dev/problems/${code}`);
}

export function active(start: string, end: string, app = 'Editor'): AgentEvent {
  return { id: randomUUID(), kind: 'active', start: `${start}Z`, end: `${end}Z`, app };
}

export interface Org {
  owner: SignedUp;
  hr: TestUser;
  admin: TestUser;
  employeeUser: TestUser;
  berlin: TestEmployee;
  tokyo: TestEmployee;
  scheduleId: string;
  devices: Map<string, string>;
}

export function client(ctx: TestContext, token: string) {
  const api = () => request(ctx.app.getHttpServer());
  return {
    get: (path: string) => api().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      api().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object = {}) =>
      api().put(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      api().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => api().delete(path).set('Authorization', `Bearer ${token}`),
  };
}

/**
 * An organization with two employees (Berlin, Tokyo), a default Mon–Fri 09–17 schedule, a
 * vacation and a sick day, and October and November activity in two applications.
 */
export async function seedOrganization(ctx: TestContext): Promise<Org> {
  const owner = await signUp(ctx.app);
  const o = client(ctx, owner.accessToken);
  const berlin = await createEmployee(ctx.app, owner.accessToken, {
    fullName: 'Berta Berlin',
    timeZone: 'Europe/Berlin',
  });
  const tokyo = await createEmployee(ctx.app, owner.accessToken, {
    fullName: 'Toshi Tokyo',
    timeZone: 'Asia/Tokyo',
  });
  const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
  const admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
  const employeeUser = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
    employeeId: berlin.id,
  });
  const s = await o.post('/api/v1/work-schedules', {
    name: 'Office',
    days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    default: true,
  });
  if (s.status !== 201) throw new Error(`schedule: ${s.status}`);
  for (const [employeeId, from, to, kind] of [
    [tokyo.id, '2026-10-12', '2026-10-14', 'vacation'],
    [berlin.id, '2026-10-20', '2026-10-20', 'sick'],
    [berlin.id, '2026-11-03', '2026-11-03', 'other'],
  ]) {
    const a = await o.post('/api/v1/absences', { employeeId, from, to, kind });
    if (a.status !== 201) throw new Error(`absence: ${a.status} ${JSON.stringify(a.body)}`);
  }
  const devices = new Map<string, string>();
  for (const e of [berlin, tokyo]) {
    devices.set(e.id, await enrollDevice(ctx.app, owner.accessToken, e.email));
  }
  // Berlin (UTC+2 until 25 Oct, then UTC+1): 08:00–16:30 local on weekdays, a game hour, one Saturday.
  const berlinEvents: AgentEvent[] = [];
  const tokyoEvents: AgentEvent[] = [];
  for (const day of [
    '2026-10-01',
    '2026-10-02',
    '2026-10-05',
    '2026-10-06',
    '2026-10-27',
    '2026-11-02',
  ]) {
    const winter = day >= '2026-10-26';
    berlinEvents.push(
      active(`${day}T${winter ? '07' : '06'}:10:00`, `${day}T${winter ? '12' : '11'}:00:00`),
    );
    berlinEvents.push(
      active(
        `${day}T${winter ? '12' : '11'}:00:00`,
        `${day}T${winter ? '13' : '12'}:00:00`,
        'Game',
      ),
    );
    berlinEvents.push(
      active(`${day}T${winter ? '13' : '12'}:00:00`, `${day}T${winter ? '15' : '14'}:30:00`),
    );
  }
  berlinEvents.push(active('2026-10-10T08:00:00', '2026-10-10T10:00:00'));
  // Tokyo (UTC+9): 09:00–19:00 local (two hours of overtime).
  for (const day of ['2026-10-01', '2026-10-02', '2026-10-15', '2026-10-30', '2026-11-02']) {
    tokyoEvents.push(active(`${day}T00:00:00`, `${day}T10:00:00`));
  }
  await sendEvents(ctx.app, devices.get(berlin.id)!, berlinEvents);
  await sendEvents(ctx.app, devices.get(tokyo.id)!, tokyoEvents);
  return {
    owner,
    hr,
    admin,
    employeeUser,
    berlin,
    tokyo,
    scheduleId: s.body.id as string,
    devices,
  };
}

/** The figures a lock must keep: attendance rows and totals, and the summary, of a range. */
export async function figures(ctx: TestContext, token: string, from = FROM, to = TO) {
  const c = client(ctx, token);
  const [attendance, totals, summary] = await Promise.all([
    c.get(`/api/v1/reports/attendance?from=${from}&to=${to}`),
    c.get(`/api/v1/reports/attendance/totals?from=${from}&to=${to}`),
    c.get(`/api/v1/reports/summary?from=${from}&to=${to}`),
  ]);
  for (const r of [attendance, totals, summary]) {
    if (r.status !== 200) throw new Error(`figures: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return { attendance: attendance.body, totals: totals.body, summary: summary.body };
}
