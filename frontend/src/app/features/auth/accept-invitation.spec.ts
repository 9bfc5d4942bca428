import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideTestApp, settle } from '../../../testing/providers';
import { AcceptInvitation } from './accept-invitation';

describe('AcceptInvitation', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('explains that the inviting organization has been closed', async () => {
    const fixture = TestBed.createComponent(AcceptInvitation);
    fixture.componentRef.setInput('token', 'inv-token');
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    await (await loader.getHarness(MatInputHarness)).setValue('a long enough password');
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Set password and join' }))
    ).click();

    const req = TestBed.inject(HttpTestingController).expectOne('/api/v1/invitations/accept');
    expect(req.request.body).toEqual({ token: 'inv-token', password: 'a long enough password' });
    req.flush(
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
  });

  it('signs the new user in and takes them to their start page', async () => {
    const fixture = TestBed.createComponent(AcceptInvitation);
    fixture.componentRef.setInput('token', 'inv-token');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    await (await loader.getHarness(MatInputHarness)).setValue('a long enough password');
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Set password and join' }))
    ).click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/invitations/accept')
      .flush({
        accessToken: 'access-1',
        tokenType: 'Bearer',
        expiresIn: 900,
        user: {
          id: 'u1',
          organizationId: 'o1',
          email: 'ann@acme.test',
          fullName: 'Ann Employee',
          role: 'employee',
          employeeId: 'e1',
        },
      });
    await settle(fixture);
    const auth = TestBed.inject(Auth);
    expect(auth.accessToken()).toBe('access-1');
    expect(auth.user()?.email).toBe('ann@acme.test');
    expect(navigate).toHaveBeenCalledWith('/');
  });
});
