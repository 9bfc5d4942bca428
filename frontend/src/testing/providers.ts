import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import {
  provideZonelessChangeDetection,
  type Provider,
  type EnvironmentProviders,
} from '@angular/core';
import { provideRouter, withComponentInputBinding, type Routes } from '@angular/router';
import { TestBed } from '@angular/core/testing';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { INITIAL_SESSION } from '@app/core/auth/auth.service';
import type { Session } from '@app/core/auth/session';

// The console keeps its session in memory; signInAs seeds the next Auth created.
let seeded: Session | null = null;

export function resetSession(): void {
  seeded = null;
}

export function provideTestApp(routes: Routes = []): (Provider | EnvironmentProviders)[] {
  return [
    { provide: INITIAL_SESSION, useFactory: () => seeded },
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([authInterceptor])),
    provideHttpClientTesting(),
  ];
}

export function signInAs(
  role: Session['user']['role'] = 'owner',
  user: Partial<Session['user']> = {},
): void {
  seeded = {
    accessToken: 'test-access',
    user: { id: 'u1', email: 'owner@example.com', role, fullName: 'Olga Owner', ...user },
    organization: { id: 'o1', name: 'Acme' },
  };
}

/** Renders and starts resources without waiting for their (pending) requests. */
export async function start(fixture: { detectChanges(): void }): Promise<void> {
  fixture.detectChanges();
  TestBed.tick();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Lets resources, effects and change detection settle (zoneless). */
export async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}
