import { MigrationInterface, QueryRunner } from 'typeorm';
// What the analysis page (多维度分析) reads from each request without reading its events: whether it
// had a correction notice, an extension, a consultation, and how many working days it took from
// receipt to conclusion. Kept by triggers, so every way a request changes keeps them right.

export class RequestAnalysis1795449600000 implements MigrationInterface {
  name = 'RequestAnalysis1795449600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "request" ADD "correction_noticed" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "request" ADD "extended" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "request" ADD "consulted" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "request" ADD "working_days_taken" integer`);
    // Covering indexes: the analysis reads only these columns, by receipt or conclusion date, so its scans
    // read the index alone (index-only scans) instead of the wide request rows.
    await q.query(
      `CREATE INDEX "IDX_request_analysis" ON "request" ("received_on") INCLUDE ("agency_id", "applicant_type", "channel", "disposition", "topic", "concluded_on", "reply_due", "extended", "correction_noticed", "consulted", "working_days_taken")`,
    );
    await q.query(
      `CREATE INDEX "IDX_request_analysis_concluded" ON "request" ("concluded_on") INCLUDE ("agency_id", "applicant_type", "channel")`,
    );
    // Working days after `d0` up to and including `d1` in a region's calendar: weekdays, less the
    // holidays, plus the make-up working days; the region's own days before the national ones.
    await q.query(`
      CREATE FUNCTION "gk_working_days"(region text, d0 date, d1 date) RETURNS integer
      LANGUAGE sql STABLE AS $$
        SELECT count(*)::int
          FROM generate_series(d0 + 1, d1, interval '1 day') AS g(day)
          LEFT JOIN LATERAL (
            SELECT c.kind FROM calendar_day c
             WHERE c.date = g.day::date AND c.region_code IN (region, 'national')
             ORDER BY (c.region_code = region) DESC LIMIT 1) s ON true
         WHERE CASE s.kind WHEN 'holiday' THEN false WHEN 'makeup_workday' THEN true
                           ELSE extract(isodow FROM g.day) < 6 END
      $$`);
    await q.query(`
      CREATE FUNCTION "gk_request_working_days"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.concluded_on IS NULL THEN
          NEW.working_days_taken := NULL;
        ELSIF TG_OP = 'INSERT' OR OLD.concluded_on IS DISTINCT FROM NEW.concluded_on
              OR OLD.received_on IS DISTINCT FROM NEW.received_on THEN
          NEW.working_days_taken := gk_working_days(NEW.calendar_region, NEW.received_on, NEW.concluded_on);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "request_working_days" BEFORE INSERT OR UPDATE OF concluded_on, received_on ON "request"
      FOR EACH ROW EXECUTE FUNCTION "gk_request_working_days"()`);
    await q.query(`
      CREATE FUNCTION "gk_request_event_flags"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'correction_notice_served' THEN
          UPDATE request SET correction_noticed = true WHERE id = NEW.request_id AND NOT correction_noticed;
        ELSIF NEW.type = 'extension_approved' THEN
          UPDATE request SET extended = true WHERE id = NEW.request_id AND NOT extended;
        ELSIF NEW.type = 'consultation_opened' THEN
          UPDATE request SET consulted = true WHERE id = NEW.request_id AND NOT consulted;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "request_event_flags" AFTER INSERT ON "request_event"
      FOR EACH ROW WHEN (NEW.type IN ('correction_notice_served', 'extension_approved', 'consultation_opened'))
      EXECUTE FUNCTION "gk_request_event_flags"()`);
    // What is there already.
    await q.query(`
      UPDATE request r SET
        correction_noticed = EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.type = 'correction_notice_served'),
        extended = EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.type = 'extension_approved'),
        consulted = EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.type = 'consultation_opened'),
        working_days_taken = CASE WHEN r.concluded_on IS NOT NULL
                                  THEN gk_working_days(r.calendar_region, r.received_on, r.concluded_on) END`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "request_event_flags" ON "request_event"`);
    await q.query(`DROP FUNCTION "gk_request_event_flags"()`);
    await q.query(`DROP TRIGGER "request_working_days" ON "request"`);
    await q.query(`DROP FUNCTION "gk_request_working_days"()`);
    await q.query(`DROP FUNCTION "gk_working_days"(text, date, date)`);
    await q.query(`DROP INDEX "public"."IDX_request_analysis_concluded"`);
    await q.query(`DROP INDEX "public"."IDX_request_analysis"`);
    await q.query(`ALTER TABLE "request" DROP COLUMN "working_days_taken"`);
    await q.query(`ALTER TABLE "request" DROP COLUMN "consulted"`);
    await q.query(`ALTER TABLE "request" DROP COLUMN "extended"`);
    await q.query(`ALTER TABLE "request" DROP COLUMN "correction_noticed"`);
  }
}
