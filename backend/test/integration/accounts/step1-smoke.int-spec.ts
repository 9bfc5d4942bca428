import request from 'supertest';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
} from '../../factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '../../support/test-app.js';

describe(`accounts pinned endpoints on ${TEST_DB}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('signs up, creates a team and an employee, and reads it back', async () => {
    const owner = await signUp(ctx.app);
    expect(owner.user.role).toBe('owner');
    const team = await createTeam(ctx.app, owner.accessToken);
    const employee = await createEmployee(ctx.app, owner.accessToken, {
      teamId: team.id,
      timeZone: 'Europe/Kyiv',
    });
    expect(employee).toMatchObject({ teamId: team.id, timeZone: 'Europe/Kyiv' });
    const res = await request(ctx.app.getHttpServer())
      .get(`/api/v1/employees/${employee.id}`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    expect(res.body.id).toBe(employee.id);
    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [team.id],
    });
    const seen = await request(ctx.app.getHttpServer())
      .get(`/api/v1/employees`)
      .set('Authorization', `Bearer ${manager.accessToken}`)
      .expect(200);
    expect(seen.body.items.map((e: { id: string }) => e.id)).toEqual([employee.id]);
    const other = await signUp(ctx.app);
    await request(ctx.app.getHttpServer())
      .get(`/api/v1/employees/${employee.id}`)
      .set('Authorization', `Bearer ${other.accessToken}`)
      .expect(404);
  });
});
