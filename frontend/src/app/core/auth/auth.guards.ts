import { inject } from '@angular/core';
import { Router, type CanActivateFn, type CanMatchFn } from '@angular/router';
import { Auth } from './auth.service';
import type { Capability } from './session';

export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(Auth);
  return auth.signedIn()
    ? true
    : inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

export const signedOutGuard: CanActivateFn = () =>
  inject(Auth).signedIn() ? inject(Router).createUrlTree(['/']) : true;

/** Hides a feature from roles that cannot use it (the API enforces it too). */
export function capabilityGuard(capability: Capability): CanMatchFn {
  return () => {
    const auth = inject(Auth);
    return auth.can(capability) ? true : inject(Router).createUrlTree(['/me']);
  };
}
