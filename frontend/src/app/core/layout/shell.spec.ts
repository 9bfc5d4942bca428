import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatNavListHarness } from '@angular/material/list/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Shell } from './shell';

describe('Shell', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  async function render(role: Parameters<typeof signInAs>[0]) {
    signInAs(role);
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Shell);
    await start(fixture);
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/organizations/current')
      .flush({ id: 'o1', name: 'Acme Ltd', defaultTimeZone: 'UTC', locale: 'en', createdAt: '' });
    await settle(fixture);
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  async function navTitles(loader: Awaited<ReturnType<typeof render>>['loader']) {
    const nav = await loader.getHarness(MatNavListHarness);
    return Promise.all((await nav.getItems()).map((item) => item.getTitle()));
  }

  it('shows an owner every section and the organization name', async () => {
    const { fixture, loader } = await render('owner');
    expect(await navTitles(loader)).toEqual([
      'Dashboard',
      'Reports',
      'People & teams',
      'Devices',
      'Productivity rules',
      'Exports',
      'Privacy',
      'Billing',
      'Settings',
      'Audit log',
      'My data',
    ]);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Acme Ltd');
  });

  it('shows an employee only their own data', async () => {
    const { loader } = await render('employee');
    expect(await navTitles(loader)).toEqual(['My data']);
  });

  it('switches the language at run time', async () => {
    const { fixture, loader } = await render('hr');
    const menu = await loader.getHarness(MatMenuHarness.with({ triggerText: /EN/ }));
    await menu.clickItem({ text: 'Русский' });
    await settle(fixture);
    await new Promise((r) => setTimeout(r, 50));
    await settle(fixture);
    expect(await navTitles(loader)).toContain('Отчёты');
    expect(document.documentElement.lang).toBe('ru');
    expect(localStorage.getItem('ctx.lang')).toBe('ru');
  });
});
