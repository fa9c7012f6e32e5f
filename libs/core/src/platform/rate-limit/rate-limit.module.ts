import { Module } from '@nestjs/common';
import { ClockModule } from '../clock/clock.module';
import { CryptoModule } from '../crypto/crypto.module';
import { RateLimiter } from './rate-limiter.service';

/** Rate limits shared by every replica (counters in PostgreSQL). */
@Module({ imports: [ClockModule, CryptoModule], providers: [RateLimiter], exports: [RateLimiter] })
export class RateLimitModule {}
