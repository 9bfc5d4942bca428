import { Counter } from 'prom-client';
import { metricsRegistry } from '#src/common/observability/metrics-registry.js';
import type { IngestResultDto } from './dto/ingest-events.dto.js';

const events = new Counter({
  name: 'calltimex_ingested_events_total',
  help: 'Agent events received, by outcome (accepted, duplicate, rejected; revised counts accepted events that replaced an earlier revision; truncated and sanitized count accepted or duplicate events that were cut or cleaned of control characters)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export function recordIngestion(result: IngestResultDto): void {
  events.inc({ outcome: 'accepted' }, result.accepted);
  events.inc({ outcome: 'duplicate' }, result.duplicates);
  events.inc({ outcome: 'revised' }, result.revised);
  events.inc({ outcome: 'rejected' }, result.rejected.length);
  events.inc({ outcome: 'truncated' }, result.truncated);
  events.inc({ outcome: 'sanitized' }, result.sanitized);
}
