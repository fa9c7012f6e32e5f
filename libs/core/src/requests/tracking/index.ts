export { QUERY_CODE_LENGTH, TrackingService } from './tracking.service';
export { TrackingModule } from './tracking.module';
