import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { BadRequestError } from '../../../common/errors/domain-error.js';
import { findPan } from './pan.js';

/**
 * Card numbers never enter the system (policy 3.3): any request whose body holds something that
 * looks like one is refused before a controller sees it, so it cannot be stored or logged by one.
 */
@Injectable()
export class PanGuardInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const body = context.switchToHttp().getRequest<Request>().body as unknown;
      const path = findPan(body);
      if (path) {
        throw new BadRequestError(
          `${path}: looks like a payment card number; card numbers are never accepted (use your payment provider's token).`,
          'card-number-refused',
        );
      }
    }
    return next.handle();
  }
}
