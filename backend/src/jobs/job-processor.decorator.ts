import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads, JobSchedule } from './job-definitions.js';

export const JOB_PROCESSOR_KEY = 'calltimex:job-processor';

export interface JobProcessorMetadata {
  name: JobName;
  /** Set for housekeeping that runs on its own: one BullMQ job scheduler, however many replicas. */
  schedule?: JobSchedule;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  /** Aborted when the worker shuts down past its grace period; stop and throw, the job is released. */
  signal: AbortSignal;
}

export type JobHandler<N extends JobName = JobName> = (
  data: JobPayloads[N],
  context: JobContext,
) => Promise<void>;

/** Declares the one method that runs a job; discovered at start-up. */
export const JobProcessor = (name: JobName, options: { schedule?: JobSchedule } = {}) =>
  SetMetadata(JOB_PROCESSOR_KEY, { name, ...options } satisfies JobProcessorMetadata);

/** Thrown by a processor that found its work taken by a live holder: retried later, no harm done. */
export class JobBusyError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'JobBusyError';
  }
}

/** A processor gave up for good (its record is gone): not retried. */
export class JobGoneError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'JobGoneError';
  }
}
