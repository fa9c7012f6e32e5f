import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A calendar region: `national`, or a province/city that adds or removes days of its own. */
@Entity('calendar_region')
export class CalendarRegionEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A published (or corrected) schedule of one region for one year. */
@Entity('calendar_year')
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'text' })
  regionCode!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  noticeRef!: string;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'text' })
  publishedBy!: string;

  /** 1 when first published, +1 for every correction. */
  @Column({ type: 'integer' })
  revision!: number;
}

/** A special day (holiday or make-up working day) of a region's schedule for `year`. */
@Entity('calendar_day')
@Check('CHK_calendar_day_kind', `"kind" IN ('holiday', 'makeup_workday')`)
@Index('IDX_calendar_day_region_year', ['regionCode', 'year'])
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'text' })
  regionCode!: string;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  kind!: 'holiday' | 'makeup_workday';

  @Column({ type: 'text' })
  name!: string;
}

/** Who published or corrected which schedule, when, under which notice, and what changed. */
@Entity('calendar_change')
export class CalendarChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  regionCode!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  action!: 'publish' | 'correct';

  @Column({ type: 'text' })
  noticeRef!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb' })
  days!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  previousDays!: unknown;

  /** How many open requests had their deadline recomputed. */
  @Column({ type: 'integer', default: 0 })
  recomputedRequests!: number;
}
