import { Module } from '@nestjs/common';
import { ClockModule } from '../clock/clock.module';
import { CryptoModule } from '../crypto/crypto.module';
import { AuditService } from './audit.service';

/** The append-only audit log, hash-chained. */
@Module({ imports: [ClockModule, CryptoModule], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
