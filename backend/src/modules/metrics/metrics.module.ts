import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsServer } from './metrics.server.js';

@Module({ controllers: [MetricsController], providers: [MetricsServer] })
export class MetricsModule {}
