import { Registry, collectDefaultMetrics } from 'prom-client';

/** The process's one Prometheus registry: modules and the job system add to it, /metrics reads it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
