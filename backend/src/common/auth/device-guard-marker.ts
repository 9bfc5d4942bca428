import { SetMetadata } from '@nestjs/common';

const AUTHENTICATES_DEVICES = 'ctx:authenticates-devices';

/** Marks a guard that authenticates agents by device token, so the API description can say so. */
export const AuthenticatesDevices = (): ClassDecorator => SetMetadata(AUTHENTICATES_DEVICES, true);

export function authenticatesDevices(guard: unknown): boolean {
  return typeof guard === 'function' && Reflect.getMetadata(AUTHENTICATES_DEVICES, guard) === true;
}
