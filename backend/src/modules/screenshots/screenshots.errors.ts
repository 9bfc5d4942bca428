import { ConflictError, DomainError } from '../../common/errors/domain-error.js';

export class ScreenshotsDisabledError extends DomainError {
  constructor(reason: string) {
    super(
      403,
      'screenshots-disabled',
      'Screenshots disabled',
      `Screenshots are not enabled for this employee (${reason}); drop the image, do not send it again.`,
      { reason },
    );
  }
}

export class NoticeDoesNotCoverScreenshotsError extends ConflictError {
  constructor() {
    super(
      'Screenshots can be turned on only under a published monitoring notice version that covers them: publish one with coversScreenshots set first.',
      'notice-does-not-cover-screenshots',
    );
  }
}

export class DeleteWindowPassedError extends ConflictError {
  constructor(hours: number) {
    super(
      `A screenshot can be deleted by its employee within ${hours} hours of its capture; that time has passed.`,
      'delete-window-passed',
    );
  }
}

export class UnsupportedImageError extends DomainError {
  constructor(detail = 'The image must be a JPEG or WebP file.') {
    super(415, 'unsupported-media-type', 'Unsupported media type', detail);
  }
}
