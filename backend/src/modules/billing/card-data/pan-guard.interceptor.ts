import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { BadRequestError } from '#src/common/errors/domain-error.js';
import { findPan } from './pan.js';

// Agent event batches are exempt: one window title showing a card number (a shop's checkout page)
// would refuse a whole batch of someone's working time. Ingestion cuts card numbers out of titles,
// URLs and app names itself and keeps the event (activity/ingestion/event-validation.ts).
const EXEMPT_PATHS = new Set(['/api/v1/agent/events']);

/**
 * Card numbers never enter the system (policy 3.3): any request whose body holds something that
 * looks like one is refused before a controller sees it, so it cannot be stored or logged by one.
 */
@Injectable()
export class PanGuardInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      if (EXEMPT_PATHS.has(req.path)) return next.handle();
      const path = findPan(req.body as unknown);
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
