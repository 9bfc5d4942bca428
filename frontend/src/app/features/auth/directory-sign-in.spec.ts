import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { provideTestApp, settle } from '../../../testing/providers';
import { DirectorySignIn } from './directory-sign-in';

describe('DirectorySignIn', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render() {
    const fixture = TestBed.createComponent(DirectorySignIn);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    const [login, password, organization] = await loader.getAllHarnesses(MatInputHarness);
    const submit = await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }));
    return { fixture, loader, login, password, organization, submit };
  }

  it('signs in with the directory login and keeps the session in memory', async () => {
    const { fixture, login, password, submit } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await login.setValue('jdoe');
    await password.setValue('directory-pw');
    await submit.click();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/ldap/login');
    expect(req.request.body).toEqual({ login: 'jdoe', password: 'directory-pw' });
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({
      accessToken: 'a1',
      user: { id: 'u1', email: 'jdoe@corp.example', role: 'employee' },
    });
    await settle(fixture);
    expect(TestBed.inject(Auth).accessToken()).toBe('a1');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('asks for the MFA code when the account needs one, and sends the organization', async () => {
    const { fixture, loader, login, password, organization, submit } = await render();
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await login.setValue('jdoe');
    await password.setValue('directory-pw');
    await organization.setValue('Acme');
    await submit.click();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/auth/ldap/login').flush(
      {
        type: 'https://calltimex.dev/problems/mfa-required',
        status: 401,
        title: 'MFA code required',
      },
      {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'content-type': 'application/problem+json' },
      },
    );
    await settle(fixture);
    const inputs = await loader.getAllHarnesses(MatInputHarness);
    expect(inputs).toHaveLength(4);
    await inputs[3].setValue('123456');
    await submit.click();
    const retry = http.expectOne('/api/v1/auth/ldap/login');
    expect(retry.request.body).toEqual({
      login: 'jdoe',
      password: 'directory-pw',
      organization: 'Acme',
      mfaCode: '123456',
    });
  });

  it('explains a directory account that may not sign in', async () => {
    const { fixture, login, password, submit } = await render();
    await login.setValue('carol');
    await password.setValue('pw');
    await submit.click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/ldap/login')
      .flush(
        {
          type: 'https://calltimex.dev/problems/directory-not-permitted',
          status: 403,
          title: 'Forbidden',
        },
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'content-type': 'application/problem+json' },
        },
      );
    await settle(fixture);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'Ask IT to add you to the right group',
    );
  });
});
