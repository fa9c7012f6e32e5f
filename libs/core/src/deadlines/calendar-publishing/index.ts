export { CalendarAdminService } from './calendar-admin.service';
export { CalendarPublishingModule } from './calendar-publishing.module';
