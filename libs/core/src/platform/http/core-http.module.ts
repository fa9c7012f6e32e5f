import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { RateLimitInterceptor } from '../rate-limit/rate-limit.decorator';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { createValidationPipe } from '../errors/validation';

/** The global pipe, filter and rate limits, registered as providers so test apps built from a module get them too. */
@Module({
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
  ],
})
export class CoreHttpModule {}
