import { IsoDate } from '../time/shanghai';

/** How the official schedule marks a day (docs/domain-rules.md, "Working days"). */
export type SpecialDayKind = 'holiday' | 'makeup_workday';

/** The kinds a day of the public calendar can have. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface SpecialDay {
  date: IsoDate;
  kind: SpecialDayKind;
  /** e.g. 春节, or 春节调休上班 for a make-up working day. */
  name: string;
}

/** One year's published schedule for a region (the national one, or a region's own additions). */
export interface PublishedYear {
  year: number;
  /** The notice that set it, e.g. 国办发明电〔2024〕12号. */
  noticeRef: string;
  /** Special days of this notice; they may fall in the adjacent years (2018-12-30 in the 2019 notice). */
  days: SpecialDay[];
}

export interface RegionCalendarData {
  /** `national`, or a region's code. */
  region: string;
  /** For the national calendar: its published years. For a region: its own additions per year. */
  years: PublishedYear[];
}
