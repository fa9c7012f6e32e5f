import { Module } from '@nestjs/common';
import { PgListener } from './pg-listener.service';

/** The one LISTEN connection of an app, shared by everything that follows database notifications. */
@Module({ providers: [PgListener], exports: [PgListener] })
export class DatabaseListenerModule {}
