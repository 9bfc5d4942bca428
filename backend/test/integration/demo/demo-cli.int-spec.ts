import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { EmployeesService } from '#src/modules/accounts/employees/employees.service.js';
import { CreateEmployeeDto } from '#src/modules/accounts/employees/employee.dto.js';
import { systemPrincipal } from '#src/modules/demo/demo.service.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { cli, envOf } from '../cli/cli-harness.js';

// The demo command builds a Nest container in this process; its passport strategies replace the
// test app's, so after it runs, checks read the database instead of calling the api with a token.
describe(`cli: demo (${TEST_DB})`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  const count = async (sql: string, params: unknown[]) =>
    Number((await ctx.dataSource.query<{ n: number | string }[]>(sql, params))[0].n);

  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await signUp(ctx.app);
  });
  afterAll(() => ctx.close());

  it('refuses wrong usage with exit code 2', async () => {
    const env = envOf(ctx);
    for (const argv of [
      ['demo'],
      ['demo', 'frobnicate'],
      ['demo', 'load', 'extra'],
      ['demo', 'load', '--employees', '0'],
      ['demo', 'load', '--employees', 'many'],
      ['demo', 'load', '--days', '400'],
      ['demo', 'load', '--organization', 'nope'],
      ['demo', 'remove', '--days', '3'],
    ]) {
      const run = await cli(argv, env);
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stderr).toMatch(/Error: /);
    }
    expect((await cli(['demo', '--help'], env)).stdout).toMatch(/demo\.calltimex\.invalid/);
    const missing = await cli(['demo', 'load', '--organization', owner.user.id], env);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toMatch(/No organization has the id/);
  });

  it('loads and removes demo data, with progress, into the one organization', async () => {
    const env = envOf(ctx);
    const org = owner.organization.id;
    const nothing = await cli(['demo', 'remove'], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/no demo data/i);

    const loaded = await cli(['demo', 'load', '--employees', '3', '--days', '7'], env);
    expect(loaded.stderr).toContain('Loading: 3/3 employees');
    expect(loaded).toMatchObject({ code: 0 });
    expect(loaded.stdout).toContain(`organization ${org}: 3 employees, 7 days`);
    const demoPeople =
      "SELECT COUNT(*) AS n FROM employees WHERE organizationId = ? AND email LIKE '%@demo.calltimex.invalid'";
    expect(await count(demoPeople, [org])).toBe(3);
    expect(
      await count('SELECT COUNT(*) AS n FROM activity_spans WHERE organizationId = ?', [org]),
    ).toBeGreaterThan(100);
    expect(await count("SELECT COUNT(*) AS n FROM demo_datasets WHERE state = 'loaded'", [])).toBe(
      1,
    );
    const again = await cli(['demo', 'load'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already loaded/);

    const removed = await cli(['demo', 'remove', '--organization', org], env);
    expect(removed.stderr).toContain('Removing: 3/3 employees');
    expect(removed.code).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM employees WHERE organizationId = ?', [org])).toBe(
      0,
    );
    expect(
      await count('SELECT COUNT(*) AS n FROM activity_spans WHERE organizationId = ?', [org]),
    ).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM devices WHERE organizationId = ?', [org])).toBe(
      0,
    );
    expect(await count('SELECT COUNT(*) AS n FROM teams WHERE organizationId = ?', [org])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM demo_datasets', [])).toBe(0);
  }, 120_000);

  it('will not mix demo data with real employees', async () => {
    await ctx.app.get(EmployeesService).create(
      systemPrincipal(owner.organization.id),
      Object.assign(new CreateEmployeeDto(), {
        fullName: 'Real Person',
        email: 'real@example.com',
      }),
    );
    const run = await cli(['demo', 'load'], envOf(ctx));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already has 1 employee/);
  });
});
