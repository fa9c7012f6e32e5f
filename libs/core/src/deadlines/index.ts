export { RequestClockService, toClockEvents } from './request-clock.service';
export { DeadlinesModule } from './deadlines.module';
