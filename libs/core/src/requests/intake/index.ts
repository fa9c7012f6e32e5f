export { ApplicationDto, RegistrationDto } from './application.dto';
export { IntakeService } from './intake.service';
export { IntakeModule } from './intake.module';
