import { DataSource } from 'typeorm';

/**
 * The connection for reads that may be a few seconds old (the analysis page and its exports, the case
 * library search): a streaming replica when DATABASE_READ_URL is set, else the primary itself. Everything
 * that writes, and what is published or locked (Table 3, the report snapshots), stays on the primary.
 */
export class ReadDatabase {
  constructor(
    readonly dataSource: DataSource,
    /** Whether reads go to a separate server (DATABASE_READ_URL). */
    readonly replica: boolean,
  ) {}

  /**
   * How far the replica is behind, in seconds (its last replayed transaction's age); null on the
   * primary, or when the replica cannot tell (not in recovery, nothing replayed yet).
   */
  async lagSeconds(): Promise<number | null> {
    if (!this.replica) {
      return null;
    }
    const [row] = await this.dataSource.query<{ lag: string | null }[]>(
      `SELECT CASE WHEN pg_is_in_recovery()
                   THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END AS lag`,
    );
    return row?.lag === null || row?.lag === undefined ? null : Math.max(0, Math.round(Number(row.lag)));
  }

  /** Where the figures come from, for the page to say. */
  async source(): Promise<{ replica: boolean; lagSeconds: number | null }> {
    return { replica: this.replica, lagSeconds: await this.lagSeconds() };
  }
}
