export { CaseFileEntity } from './case-file.entity';
export { CaseFileService } from './case-file.service';
export { ArchiveModule } from './archive.module';
