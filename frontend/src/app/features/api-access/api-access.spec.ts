import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { ApiAccess, type ApiToken, type TokenScopes } from './api-access';

const SCOPES = (service: boolean): TokenScopes => ({
  scopes: [
    { scope: 'reports:read', description: '', personal: true, service },
    { scope: 'employees:manage', description: '', personal: service, service },
    { scope: 'scim:provision', description: '', personal: false, service },
  ],
  mayCreateService: service,
  maxDays: 365,
});

const USED: ApiToken = {
  id: 't1',
  name: 'Payroll sync',
  kind: 'service',
  userId: null,
  tokenPrefix: 'ctx_svc_AbCd',
  scopes: ['reports:read'],
  status: 'active',
  createdAt: '2026-11-01T10:00:00Z',
  expiresAt: null,
  lastUsedAt: '2026-12-01T09:30:00Z',
  lastUsedAddress: '10.0.0.7',
  revokedAt: null,
};

function type(selector: string, value: string): void {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** Waits (zoneless) until the page asks for the token list again, then answers it. */
async function listReloaded(
  fixture: ComponentFixture<unknown>,
  http: HttpTestingController,
  items: ApiToken[],
): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const pending = http.match((r) => r.url === '/api/v1/api-tokens' && r.method === 'GET');
    if (pending.length > 0) {
      pending[0].flush({ items, page: 1, pageSize: 25, total: items.length });
      await settle(fixture);
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
    await start(fixture);
  }
  throw new Error('the token list was not reloaded');
}

describe('API access', () => {
  beforeEach(() => localStorage.clear());

  async function render(role: 'owner' | 'employee', items: ApiToken[]) {
    signInAs(role);
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(ApiAccess);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/api-tokens/scopes').flush(SCOPES(role === 'owner'));
    http
      .expectOne((r) => r.url === '/api/v1/api-tokens')
      .flush({ items, page: 1, pageSize: 25, total: items.length });
    await settle(fixture);
    return { fixture, http, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('lists tokens with scopes, expiry and last use, and shows SCIM details to owners', async () => {
    const { fixture } = await render('owner', [USED]);
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Payroll sync');
    expect(text).toContain('reports:read');
    expect(text).toContain('10.0.0.7');
    expect(text).toContain('Never');
    const base = document.querySelector('[data-testid="scim-base-url"]');
    expect(base?.textContent).toBe('http://localhost/scim/v2');
  });

  it('an employee gets an empty state that says what to do, and no SCIM section', async () => {
    const { fixture } = await render('employee', []);
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('No API tokens yet');
    expect(document.querySelector('[data-testid="scim-card"]')).toBeNull();
    // Only the scopes the role may grant (and never SCIM) are offered.
    expect(text).toContain('reports:read');
    expect(text).not.toContain('scim:provision');
  });

  it('creates a token, shows it once with a copy button, and reloads the list', async () => {
    const { fixture, http, loader } = await render('employee', []);
    type('[data-testid="api-token-name"]', 'My script');
    const boxes = await loader.getAllHarnesses(MatCheckboxHarness);
    await boxes[0].check();
    await settle(fixture);
    (document.querySelector('[data-testid="create-api-token"]') as HTMLButtonElement).click();
    const req = http.expectOne('/api/v1/api-tokens');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      name: 'My script',
      kind: 'personal',
      scopes: ['reports:read'],
      expiresInDays: 90,
    });
    req.flush({ ...USED, kind: 'personal', name: 'My script', token: 'ctx_pat_secret' });
    await listReloaded(fixture, http, [USED]);
    expect(document.querySelector('[data-testid="api-token-value"]')?.textContent).toBe(
      'ctx_pat_secret',
    );
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    (document.querySelector('[data-testid="copy-api-token"]') as HTMLButtonElement).click();
    await settle(fixture);
    expect(writeText).toHaveBeenCalledWith('ctx_pat_secret');
  });

  it('creates the SCIM token as a non-expiring service token with only scim:provision', async () => {
    const { fixture, http } = await render('owner', []);
    (document.querySelector('[data-testid="create-scim-token"]') as HTMLButtonElement).click();
    const req = http.expectOne('/api/v1/api-tokens');
    expect(req.request.body).toMatchObject({
      kind: 'service',
      scopes: ['scim:provision'],
      expiresInDays: null,
    });
    req.flush({ ...USED, token: 'ctx_svc_secret' });
    await listReloaded(fixture, http, []);
    expect(document.querySelector('[data-testid="api-token-value"]')?.textContent).toBe(
      'ctx_svc_secret',
    );
  });

  it('revokes a token after confirmation', async () => {
    const { fixture, http } = await render('owner', [USED]);
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValue(true);
    const revoke = [...document.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Revoke'),
    )!;
    revoke.click();
    expect(confirm).toHaveBeenCalled();
    const req = http.expectOne('/api/v1/api-tokens/t1/revoke');
    expect(req.request.method).toBe('POST');
    req.flush({ ...USED, status: 'revoked' });
    await listReloaded(fixture, http, []);
    confirm.mockRestore();
  });
});
