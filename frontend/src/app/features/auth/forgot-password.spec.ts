import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideTestApp, settle } from '../../../testing/providers';
import { ForgotPassword } from './forgot-password';

describe('ForgotPassword', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function send(answer: { status: number; statusText: string }) {
    const fixture = TestBed.createComponent(ForgotPassword);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    await (await loader.getHarness(MatInputHarness)).setValue('ada@example.com');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Send link' }))).click();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/password-reset');
    expect(req.request.body).toEqual({ email: 'ada@example.com' });
    req.flush(null, answer);
    await settle(fixture);
    return fixture.nativeElement as HTMLElement;
  }

  it('confirms the request in place of the form', async () => {
    const page = await send({ status: 204, statusText: 'No Content' });
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'a reset link is on its way',
    );
    expect(page.querySelector('form')).toBeNull();
  });

  it('says so when this server sends no mail', async () => {
    const page = await send({ status: 404, statusText: 'Not Found' });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'This server cannot send reset links',
    );
    expect(page.querySelector('form')).not.toBeNull();
  });
});
