import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { provideTestApp, settle } from '../../../testing/providers';
import { SignInLink } from './sign-in-link';

const LOGIN = {
  accessToken: 'a1',
  refreshToken: 'r1',
  user: { id: 'u1', email: 'ada@example.com', role: 'owner' },
};

describe('SignInLink', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(token?: string) {
    const fixture = TestBed.createComponent(SignInLink);
    if (token !== undefined) fixture.componentRef.setInput('token', token);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    const submit = await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }));
    return { fixture, loader, submit, root: fixture.nativeElement as HTMLElement };
  }

  it('signs in only on a click, then asks for the MFA code and sends it with the token', async () => {
    const { fixture, loader, submit, root } = await render('tok-123');
    const http = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    http.expectNone('/api/v1/auth/sign-in-link/consume');

    await submit.click();
    const first = http.expectOne('/api/v1/auth/sign-in-link/consume');
    expect(first.request.body).toEqual({ token: 'tok-123' });
    expect(first.request.headers.has('Authorization')).toBe(false);
    first.flush(
      {
        type: 'https://calltimex.dev/problems/mfa-required',
        status: 401,
        title: 'MFA code required',
        detail: 'This account needs a code.',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle(fixture);
    expect(root.textContent).toContain('Enter the 6-digit code from your authenticator app.');
    const code = await loader.getHarness(MatInputHarness);
    await code.setValue('123456');
    await submit.click();
    const second = http.expectOne('/api/v1/auth/sign-in-link/consume');
    expect(second.request.body).toEqual({ token: 'tok-123', mfaCode: '123456' });
    second.flush(LOGIN);
    await settle(fixture);

    expect(TestBed.inject(Auth).accessToken()).toBe('a1');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('says so when the link is used up, and cannot send it again', async () => {
    const { fixture, submit, root } = await render('tok-used');
    await submit.click();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/sign-in-link/consume').flush(
      {
        type: 'https://calltimex.dev/problems/unauthorized',
        status: 401,
        title: 'Unauthorized',
        detail: 'x',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle(fixture);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'invalid, expired or already used',
    );
    expect(await submit.isDisabled()).toBe(true);
    expect(TestBed.inject(Auth).signedIn()).toBe(false);
  });

  it('without a token, explains where the link comes from and sends nothing', async () => {
    const { root, submit } = await render();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'the link from the sign-in mail',
    );
    expect(await submit.isDisabled()).toBe(true);
    TestBed.inject(HttpTestingController).expectNone('/api/v1/auth/sign-in-link/consume');
  });
});
