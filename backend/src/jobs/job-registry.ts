import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { JobName, JobSchedule } from './job-definitions.js';
import {
  JOB_PROCESSOR_KEY,
  type JobHandler,
  type JobProcessorMetadata,
} from './job-processor.decorator.js';

/** Which job names must have a processor; tests narrow or widen it. */
export const EXPECTED_JOB_NAMES = Symbol('EXPECTED_JOB_NAMES');

export class MissingJobProcessorError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `No processor for job(s): ${missing.join(', ')}. Every job name needs one @JobProcessor.`,
    );
    this.name = 'MissingJobProcessorError';
  }
}

export interface RegisteredProcessor {
  name: JobName;
  handler: JobHandler;
  schedule?: JobSchedule;
}

/** What the drivers need from the registry. */
export interface ProcessorLookup {
  get(name: string): RegisteredProcessor | undefined;
  all(): RegisteredProcessor[];
}

/** Finds every @JobProcessor once at start-up and refuses to start when a job name has none. */
@Injectable()
export class JobRegistry implements OnModuleInit, ProcessorLookup {
  private readonly processors = new Map<JobName, RegisteredProcessor>();

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(EXPECTED_JOB_NAMES) private readonly expected: readonly JobName[],
  ) {}

  onModuleInit(): void {
    const duplicates: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || wrapper.isAlias) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const meta = this.reflector.get<JobProcessorMetadata | undefined>(
          JOB_PROCESSOR_KEY,
          fn as (...args: unknown[]) => unknown,
        );
        if (!meta) continue;
        if (this.processors.has(meta.name)) duplicates.push(meta.name);
        this.processors.set(meta.name, {
          name: meta.name,
          handler: (fn as JobHandler).bind(instance),
          schedule: meta.schedule,
        });
      }
    }
    if (duplicates.length > 0) {
      throw new Error(`More than one processor for job(s): ${duplicates.join(', ')}`);
    }
    const missing = this.expected.filter((name) => !this.processors.has(name));
    if (missing.length > 0) throw new MissingJobProcessorError(missing);
  }

  get(name: string): RegisteredProcessor | undefined {
    return this.processors.get(name as JobName);
  }

  all(): RegisteredProcessor[] {
    return [...this.processors.values()];
  }
}
