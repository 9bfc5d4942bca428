import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dialectOf } from '#src/database/dialect.js';
import { ReadReplicas } from '#src/database/replicas/read-replicas.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AgentModule } from '../agent/agent.module.js';
import { ActivityKeyCache } from './ingestion/activity-key.cache.js';
import { IngestionController } from './ingestion/ingestion.controller.js';
import { IngestionPolicies } from './ingestion/ingestion-policies.js';
import { IngestionRepository } from './ingestion/ingestion.repository.js';
import { IngestionService } from './ingestion/ingestion.service.js';
import { MysqlSpanPartitions } from './partitions/mysql-span-partitions.js';
import { SpanPartitions } from './partitions/span-partitions.js';
import { SpanPartitionsProcessor } from './partitions/span-partitions.processor.js';
import { SqliteSpanPartitions } from './partitions/sqlite-span-partitions.js';
import { ActivityReadModel } from './read-model/activity-read-model.js';
import { ActivityReadRepository } from './read-model/activity-read.repository.js';
import { ActivityErasure } from './removal/activity-erasure.js';
import { ActivityRemovalRepository } from './removal/activity-removal.repository.js';
import { ActivityRetention } from './removal/activity-retention.js';
import { KeyCatalog } from './rollups/key-catalog.js';
import { RollupPasses } from './rollups/rollup-passes.js';
import { RollupProcessor } from './rollups/rollup.processor.js';
import { MysqlRollupStore } from './rollups/mysql-rollup-store.js';
import { RollupStore } from './rollups/rollup-store.js';
import { SqliteRollupStore } from './rollups/sqlite-rollup-store.js';
import { RollupService } from './rollups/rollup.service.js';
import { ProductivityRulesController } from './rules/productivity-rules.controller.js';
import { ProductivityRulesRepository } from './rules/productivity-rules.repository.js';
import { ProductivityRulesService } from './rules/productivity-rules.service.js';

/**
 * Activity in (ingestion) and out: other modules read it through ActivityReadModel and remove it
 * through ActivityErasure and ActivityRetention; no other module names an activity table.
 */
@Module({
  imports: [AccountsModule, AgentModule],
  controllers: [IngestionController, ProductivityRulesController],
  providers: [
    ActivityKeyCache,
    IngestionRepository,
    IngestionService,
    IngestionPolicies,
    ProductivityRulesRepository,
    ProductivityRulesService,
    KeyCatalog,
    {
      provide: RollupStore,
      inject: [DataSource, ReadReplicas],
      // One implementation per dialect, chosen once: their transactions differ, not their data.
      useFactory: (dataSource: DataSource, replicas: ReadReplicas): RollupStore =>
        dialectOf(dataSource) === 'mysql'
          ? new MysqlRollupStore(dataSource, replicas)
          : new SqliteRollupStore(dataSource, replicas),
    },
    RollupService,
    RollupPasses,
    RollupProcessor,
    ActivityReadRepository,
    ActivityReadModel,
    ActivityRemovalRepository,
    ActivityErasure,
    ActivityRetention,
    {
      provide: SpanPartitions,
      inject: [DataSource],
      // One implementation per dialect, chosen once: only MySQL/MariaDB partitions the span table.
      useFactory: (dataSource: DataSource): SpanPartitions =>
        dialectOf(dataSource) === 'mysql'
          ? new MysqlSpanPartitions(dataSource)
          : new SqliteSpanPartitions(),
    },
    SpanPartitionsProcessor,
  ],
  exports: [
    IngestionService,
    IngestionPolicies,
    ProductivityRulesService,
    ActivityReadModel,
    ActivityErasure,
    ActivityRetention,
  ],
})
export class ActivityModule {}
