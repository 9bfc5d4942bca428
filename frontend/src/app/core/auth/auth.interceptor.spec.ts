import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { provideTestApp, signInAs } from '../../../testing/providers';
import { Auth } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    signInAs('admin');
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  it('adds the bearer to API calls only', async () => {
    const api = firstValueFrom(http.get('/api/v1/teams'));
    const other = firstValueFrom(http.get('/favicon.svg'));
    const withBearer = backend.expectOne('/api/v1/teams');
    expect(withBearer.request.headers.get('Authorization')).toBe('Bearer test-access');
    const plain = backend.expectOne('/favicon.svg');
    expect(plain.request.headers.has('Authorization')).toBe(false);
    withBearer.flush({});
    plain.flush('');
    await Promise.all([api, other]);
  });

  it('refreshes once on 401 and retries concurrent calls with the new token', async () => {
    const a = firstValueFrom(http.get('/api/v1/teams'));
    const b = firstValueFrom(http.get('/api/v1/employees'));
    for (const url of ['/api/v1/teams', '/api/v1/employees']) {
      backend.expectOne(url).flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    }
    // The refresh token is the HttpOnly cookie: the body is empty, the CSRF header is set.
    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.body).toEqual({});
    expect(refresh.request.headers.get('X-CSRF')).toBe('1');
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush({ accessToken: 'fresh', tokenType: 'Bearer' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const url of ['/api/v1/teams', '/api/v1/employees']) {
      const retried = backend.expectOne(url);
      expect(retried.request.headers.get('Authorization')).toBe('Bearer fresh');
      retried.flush({ ok: url });
    }
    await expect(a).resolves.toEqual({ ok: '/api/v1/teams' });
    await expect(b).resolves.toEqual({ ok: '/api/v1/employees' });
    expect(TestBed.inject(Auth).accessToken()).toBe('fresh');
    backend.verify();
  });

  it('signs out and goes to sign-in when the refresh is refused', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const call = firstValueFrom(http.get('/api/v1/teams'));
    backend.expectOne('/api/v1/teams').flush({}, { status: 401, statusText: 'Unauthorized' });
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(TestBed.inject(Auth).signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { expired: 1 } });
  });
});

describe('Auth.restore', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    document.cookie = 'ctx_session=1; path=/';
  });
  afterEach(() => {
    document.cookie = 'ctx_session=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('signs back in from the refresh cookie after a reload, keeping nothing in storage', async () => {
    const auth = TestBed.inject(Auth);
    expect(auth.signedIn()).toBe(false);
    const restored = auth.restore();
    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.headers.get('X-CSRF')).toBe('1');
    refresh.flush({ accessToken: 'from-cookie', tokenType: 'Bearer' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const me = backend.expectOne('/api/v1/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer from-cookie');
    me.flush({ id: 'u1', email: 'ada@example.com', role: 'hr' });
    await restored;
    expect(auth.signedIn()).toBe(true);
    expect(auth.accessToken()).toBe('from-cookie');
    expect(auth.can('managePrivacy')).toBe(true);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    backend.verify();
  });

  it('starts signed out without asking the server when no session hint is set', async () => {
    document.cookie = 'ctx_session=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    const auth = TestBed.inject(Auth);
    await auth.restore();
    expect(auth.signedIn()).toBe(false);
    backend.expectNone('/api/v1/auth/refresh');
    backend.verify();
  });

  it('takes over the restore src/session-start.js began before Angular loaded, once', async () => {
    const holder = globalThis as { ctxSessionStart?: Promise<unknown> };
    holder.ctxSessionStart = Promise.resolve({
      accessToken: 'early',
      user: { id: 'u1', email: 'ada@example.com', role: 'manager' },
    });
    const auth = TestBed.inject(Auth);
    await auth.restore();
    expect(auth.accessToken()).toBe('early');
    expect(auth.can('readReports')).toBe(true);
    expect(holder.ctxSessionStart).toBeUndefined();
    backend.expectNone('/api/v1/auth/refresh');
    backend.verify();
  });

  it('starts signed out when the early restore failed', async () => {
    const holder = globalThis as { ctxSessionStart?: Promise<unknown> };
    holder.ctxSessionStart = Promise.reject(new Error('HTTP 401'));
    const auth = TestBed.inject(Auth);
    await auth.restore();
    expect(auth.signedIn()).toBe(false);
    backend.expectNone('/api/v1/auth/refresh');
    backend.verify();
  });

  it('starts signed out when the hint is there but the cookie is dead', async () => {
    const auth = TestBed.inject(Auth);
    const restored = auth.restore();
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await restored;
    expect(auth.signedIn()).toBe(false);
    backend.verify();
  });
});
