import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { DirectorySettings } from './directory-settings';

const CONFIG = {
  configured: true,
  source: 'console',
  hasBindPassword: true,
  updatedAt: '2026-12-01T10:00:00.000Z',
  enabled: true,
  url: 'ldaps://dc1.corp.example:636',
  startTls: false,
  tlsCaPem: null,
  bindMode: 'search',
  bindDn: 'cn=svc,dc=corp',
  bindDnTemplate: null,
  baseDn: 'ou=people,dc=corp',
  userFilter: '(objectClass=person)',
  loginAttribute: 'sAMAccountName',
  emailAttribute: 'mail',
  firstNameAttribute: 'givenName',
  lastNameAttribute: 'sn',
  groupBaseDn: null,
  groupFilter: '(objectClass=group)',
  groupMemberAttribute: 'member',
  roleMappings: [{ group: 'cn=admins,dc=corp', role: 'admin' }],
  teamMappings: [],
  defaultRole: null,
  createEmployees: true,
  syncEnabled: true,
  syncIntervalMinutes: 60,
};

describe('DirectorySettings', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('admin');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(config: object, runs: object[] = []) {
    const fixture = TestBed.createComponent(DirectorySettings);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/directory/config').flush(config);
    http
      .expectOne((r) => r.url === '/api/v1/directory/sync-runs')
      .flush({ items: runs, total: runs.length, page: 1, pageSize: 5 });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({ items: [], total: 0, page: 1, pageSize: 200 });
    await settle(fixture);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('saves the settings without resending the stored password', async () => {
    const { fixture, http, el } = await render(CONFIG);
    expect(el.querySelectorAll('[data-testid="role-mapping"]')).toHaveLength(1);
    el.querySelector<HTMLButtonElement>('[data-testid="save"]')!.click();
    await settle(fixture);
    const put = http.expectOne('/api/v1/directory/config');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toMatchObject({
      url: CONFIG.url,
      loginAttribute: 'sAMAccountName',
      roleMappings: CONFIG.roleMappings,
    });
    expect(put.request.body).not.toHaveProperty('bindPassword');
  });

  it('tests the connection and shows what it found', async () => {
    const { fixture, http, el } = await render(CONFIG);
    el.querySelector<HTMLButtonElement>('[data-testid="test"]')!.click();
    await settle(fixture);
    http.expectOne('/api/v1/directory/test').flush({
      ok: true,
      error: null,
      userCount: 42,
      sampleUsers: [
        {
          dn: 'cn=a',
          login: 'alice',
          email: 'a@corp',
          firstName: 'A',
          lastName: 'B',
          groups: [],
          role: 'admin',
        },
      ],
      groups: [{ dn: 'cn=admins,dc=corp', name: 'admins', memberCount: 3, mappedRole: 'admin' }],
    });
    await settle(fixture);
    const text = el.querySelector('[data-testid="test-result"]')!.textContent;
    expect(text).toContain('42 users');
    expect(text).toContain('alice');
    expect(text).toContain('admins');
  });

  it('runs the sync now and shows the last results', async () => {
    const { fixture, http, el } = await render(CONFIG, [
      {
        id: 'r1',
        trigger: 'manual',
        status: 'succeeded',
        created: 2,
        updated: 1,
        deactivated: 1,
        unchanged: 0,
        errors: [{ key: 'nomail', message: 'no mail attribute' }],
        createdAt: '2026-12-01T10:00:00.000Z',
        startedAt: null,
        finishedAt: null,
      },
    ]);
    expect(el.querySelector('[data-testid="sync-run"]')!.textContent).toContain('deactivated 1');
    expect(el.textContent).toContain('no mail attribute');
    el.querySelector<HTMLButtonElement>('[data-testid="run-sync"]')!.click();
    await settle(fixture);
    const post = http.expectOne('/api/v1/directory/sync-runs');
    expect(post.request.method).toBe('POST');
  });

  it('tells what to do when nothing is configured, and keeps IT’s settings read-only', async () => {
    const first = await render({ ...CONFIG, configured: false, url: '', hasBindPassword: false });
    expect(first.el.querySelector('[data-testid="not-configured"]')).not.toBeNull();
    expect(first.el.querySelector<HTMLButtonElement>('[data-testid="run-sync"]')!.disabled).toBe(
      true,
    );
    expect(first.el.querySelector('[data-testid="no-runs"]')).not.toBeNull();
  });

  it('shows settings IT manages as read-only', async () => {
    const { el } = await render({ ...CONFIG, source: 'environment' });
    expect(el.querySelector('[data-testid="managed-by-it"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="save"]')).toBeNull();
    expect(el.querySelector<HTMLInputElement>('[data-testid="url"]')!.disabled).toBe(true);
  });
});
