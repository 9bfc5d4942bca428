import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { provideTestApp, settle } from '../../../testing/providers';
import { SignIn } from './sign-in';

describe('SignIn', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render() {
    const fixture = TestBed.createComponent(SignIn);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    const [email, password] = await loader.getAllHarnesses(MatInputHarness);
    const submit = await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }));
    return { fixture, email: email, password: password, submit };
  }

  it('signs in, keeps the session in memory only and goes to the console', async () => {
    const { fixture, email, password, submit } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await email.setValue('ada@example.com');
    await password.setValue('correct horse battery');
    await submit.click();

    const http = TestBed.inject(HttpTestingController);
    const req = http.expectOne('/api/v1/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    expect(req.request.headers.has('Authorization')).toBe(false);
    // The refresh token comes as an HttpOnly cookie; the console keeps the access token in memory.
    req.flush({
      accessToken: 'a1',
      user: { id: 'u1', email: 'ada@example.com', role: 'owner' },
    });
    await settle(fixture);

    expect(TestBed.inject(Auth).accessToken()).toBe('a1');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('says in words why a sign-in failed', async () => {
    const { fixture, email, password, submit } = await render();
    await email.setValue('ada@example.com');
    await password.setValue('wrong password');
    await submit.click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/login')
      .flush(
        { status: 401, title: 'Unauthorized', detail: 'Wrong email or password.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await settle(fixture);
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Wrong email or password');
  });

  it('tells a non-owner that the organization is closed, and until when', async () => {
    const { fixture, email, password, submit } = await render();
    await email.setValue('ada@example.com');
    await password.setValue('correct horse battery');
    await submit.click();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/login').flush(
      {
        type: 'https://calltimex.dev/problems/organization-closed',
        title: 'Organization closed',
        status: 403,
        detail: 'This organization was closed.',
        purgeAt: '2026-05-31T10:00:00.000Z',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle(fixture);
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(
      'This organization has been closed. Only its owner can sign in until its data is deleted on May 31, 2026',
    );
    expect(alert?.textContent).not.toContain('Your role does not allow this');
    expect(TestBed.inject(Auth).signedIn()).toBe(false);
  });

  it('reports rate limiting with the server’s Retry-After', async () => {
    const { fixture, email, password, submit } = await render();
    await email.setValue('ada@example.com');
    await password.setValue('x');
    await submit.click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/login')
      .flush(
        { status: 429, title: 'Too Many Requests', detail: 'slow down' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '120' } },
      );
    await settle(fixture);
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Try again in 120 seconds');
  });

  it('offers a mailed sign-in link when the email is throttled, and sends it', async () => {
    const { fixture, email, password, submit } = await render();
    const http = TestBed.inject(HttpTestingController);
    const root = fixture.nativeElement as HTMLElement;
    await email.setValue('ada@example.com');
    await password.setValue('correct horse battery');
    await submit.click();
    http.expectOne('/api/v1/auth/login').flush(
      {
        type: 'https://calltimex.dev/problems/sign-in-link-available',
        status: 429,
        title: 'Too many requests',
        detail: 'Too many failed sign-in attempts for this email.',
      },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '600' } },
    );
    await settle(fixture);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Try again in 600 seconds');
    const offer = root.querySelector('[data-testid="sign-in-link-offer"]');
    expect(offer?.textContent).toContain('We can email you a one-time sign-in link');

    const loader = TestbedHarnessEnvironment.loader(fixture);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Email me a sign-in link' }))
    ).click();
    const req = http.expectOne('/api/v1/auth/sign-in-link');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'ada@example.com' });
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({ status: 'accepted' }, { status: 202, statusText: 'Accepted' });
    await settle(fixture);
    expect(
      root.querySelector('[data-testid="sign-in-link-offer"] [role="status"]')?.textContent,
    ).toContain('a sign-in link is on its way');
    expect(TestBed.inject(Auth).signedIn()).toBe(false);
  });

  it('offers no sign-in link for a throttled address', async () => {
    const { fixture, email, password, submit } = await render();
    await email.setValue('ada@example.com');
    await password.setValue('x');
    await submit.click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/login')
      .flush(
        {
          type: 'https://calltimex.dev/problems/rate-limited',
          status: 429,
          title: 'Too many requests',
          detail: 'slow down',
        },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '60' } },
      );
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[role="alert"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="sign-in-link-offer"]')).toBeNull();
  });

  it('does not send an invalid form', async () => {
    const { fixture, submit } = await render();
    await submit.click();
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectNone('/api/v1/auth/login');
  });
});
