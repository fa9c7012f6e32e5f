import { Module } from '@nestjs/common';
import { FileStore } from './file-store';

/** Where file bodies live (PostgreSQL, or an S3-compatible object store), checked on every read. */
@Module({ providers: [FileStore], exports: [FileStore] })
export class StorageModule {}
