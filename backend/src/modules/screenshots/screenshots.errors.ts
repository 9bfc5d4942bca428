import { DomainError } from '#src/common/errors/domain-error.js';

// The contract with the agent names these by `code`: the last segment of `type`, also sent as an
// extension member so a client need not parse the URI.

export class ScreenshotsDisabledError extends DomainError {
  constructor(reason: string) {
    super(
      403,
      'screenshots-disabled',
      'Screenshots disabled',
      `Screenshots are not enabled for this employee (${reason}); drop the image, do not send it again.`,
      { code: 'screenshots-disabled', reason },
    );
  }
}

export class NoticeDoesNotCoverScreenshotsError extends DomainError {
  constructor() {
    super(
      409,
      'notice-does-not-cover-screenshots',
      'Conflict',
      'Screenshots can be turned on only under a published monitoring notice version that covers them: publish one with coversScreenshots set first.',
      { code: 'notice-does-not-cover-screenshots' },
    );
  }
}

export class DeleteWindowPassedError extends DomainError {
  constructor(hours: number) {
    super(
      409,
      'delete-window-passed',
      'Conflict',
      `A screenshot can be deleted by its employee within ${hours} hours of its capture; that time has passed.`,
      { code: 'delete-window-passed', deleteWindowHours: hours },
    );
  }
}

export class UnsupportedImageError extends DomainError {
  constructor(detail = 'The image must be a JPEG or WebP file.') {
    super(415, 'unsupported-media-type', 'Unsupported media type', detail);
  }
}
