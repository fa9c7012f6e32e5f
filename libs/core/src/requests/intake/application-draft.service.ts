import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, PersonalDataCipher } from '../../platform';
import { ApplicationDraftEntity } from './application-draft.entity';

/** Drafts older than this are forgotten (PIPL: keep personal data no longer than needed). */
export const DRAFT_DAYS = 30;

/**
 * The application a citizen is filling in on the portal, kept between the steps of the form and
 * across visits: one draft per citizen, its content encrypted, deleted on submission.
 */
@Injectable()
export class ApplicationDraftService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
  ) {}

  /** The citizen's draft (id and content), or null. */
  async load<T>(citizenId: string): Promise<{ id: string; content: T } | null> {
    const row = await this.dataSource
      .getRepository(ApplicationDraftEntity)
      .findOne({ where: { citizenId }, order: { updatedAt: 'DESC' } });
    if (!row) {
      return null;
    }
    if (row.updatedAt.getTime() < this.clock.now().getTime() - DRAFT_DAYS * 86_400_000) {
      await this.discard(citizenId);
      return null;
    }
    return { id: row.id, content: JSON.parse(this.cipher.decrypt(row.contentEnc)) as T };
  }

  /** Saves the content as the citizen's one draft; answers its id. */
  async save<T>(citizenId: string, content: T): Promise<string> {
    const now = this.clock.now();
    const contentEnc = this.cipher.encrypt(JSON.stringify(content));
    return this.dataSource.transaction(async (em) => {
      const existing = await em
        .getRepository(ApplicationDraftEntity)
        .findOne({ where: { citizenId }, lock: { mode: 'pessimistic_write' } });
      if (existing) {
        await em.update(ApplicationDraftEntity, { id: existing.id }, { contentEnc, updatedAt: now });
        return existing.id;
      }
      const id = randomUUID();
      await em.insert(ApplicationDraftEntity, { id, citizenId, contentEnc, createdAt: now, updatedAt: now });
      return id;
    });
  }

  async discard(citizenId: string): Promise<void> {
    await this.dataSource.getRepository(ApplicationDraftEntity).delete({ citizenId });
  }
}
