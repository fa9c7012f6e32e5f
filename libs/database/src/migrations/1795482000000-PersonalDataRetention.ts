import { MigrationInterface, QueryRunner } from 'typeorm';
// Retention (docs/security.md "Retention"): data keys per request and per uploaded file, shredded when the
// file's retention period ends; the record of each erasure; and the one change an archived request still
// admits — its personal fields erased, once that erasure is on record, nothing else touched.

/**
 * The request's columns that hold personal data (what an erasure may change on an archived row); the reply
 * draft may repeat the applicant's name.
 */
const PERSONAL_COLUMNS = [
  'applicant_name',
  'id_number_enc',
  'id_number_masked',
  'contact_person',
  'phone_enc',
  'phone_masked',
  'email',
  'address_enc',
  'address_masked',
  'postal_code',
  'agent',
  'draft',
];

export class PersonalDataRetention1795482000000 implements MigrationInterface {
  name = 'PersonalDataRetention1795482000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "data_key" (
        "id" uuid NOT NULL,
        "wrapped" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "shredded_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_data_key_shredded" CHECK (("wrapped" IS NULL) = ("shredded_at" IS NOT NULL)),
        CONSTRAINT "PK_data_key" PRIMARY KEY ("id")
      )`);
    // A key is re-wrapped (rotation) or shredded; never deleted, never brought back.
    await q.query(`
      CREATE FUNCTION "data_key_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.wrapped IS NULL OR NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at THEN
          RAISE EXCEPTION 'a data key is only re-wrapped or shredded (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "data_key_shred_only" BEFORE UPDATE OR DELETE ON "data_key"
      FOR EACH ROW EXECUTE FUNCTION "data_key_guard"()`);
    await q.query(`ALTER TABLE "request" ADD "data_key_id" uuid`);
    await q.query(`
      ALTER TABLE "request" ADD CONSTRAINT "FK_request_data_key" FOREIGN KEY ("data_key_id")
      REFERENCES "data_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "attachment" ADD "data_key_id" uuid`);
    await q.query(`
      ALTER TABLE "attachment" ADD CONSTRAINT "FK_attachment_data_key" FOREIGN KEY ("data_key_id")
      REFERENCES "data_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`
      CREATE TABLE "personal_data_erasure" (
        "request_id" uuid NOT NULL,
        "erased_on" date NOT NULL,
        "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "retention_class" text NOT NULL,
        "due_on" date NOT NULL,
        "basis" text NOT NULL,
        "keys_shredded" integer NOT NULL,
        "before" jsonb NOT NULL,
        "case_file_intact" boolean,
        CONSTRAINT "PK_personal_data_erasure" PRIMARY KEY ("request_id")
      )`);
    await q.query(`
      ALTER TABLE "personal_data_erasure" ADD CONSTRAINT "FK_personal_data_erasure_request"
      FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`
      CREATE TRIGGER "personal_data_erasure_immutable" BEFORE UPDATE OR DELETE ON "personal_data_erasure"
      FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`);
    const personal = `ARRAY[${PERSONAL_COLUMNS.map((c) => `'${c}'`).join(', ')}]`;
    await q.query(`
      CREATE FUNCTION "request_archived_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND EXISTS (SELECT 1 FROM personal_data_erasure e WHERE e.request_id = OLD.id)
           AND (to_jsonb(NEW) - ${personal}) = (to_jsonb(OLD) - ${personal}) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is immutable (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TRIGGER "request_archived_read_only" ON "request"`);
    await q.query(`
      CREATE TRIGGER "request_archived_read_only" BEFORE UPDATE OR DELETE ON "request"
      FOR EACH ROW WHEN (OLD.status = 'archived') EXECUTE FUNCTION "request_archived_guard"()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "request_archived_read_only" ON "request"`);
    await q.query(`
      CREATE TRIGGER "request_archived_read_only" BEFORE UPDATE OR DELETE ON "request"
      FOR EACH ROW WHEN (OLD.status = 'archived') EXECUTE FUNCTION "refuse_change"()`);
    await q.query(`DROP FUNCTION "request_archived_guard"()`);
    await q.query(`DROP TABLE "personal_data_erasure"`);
    await q.query(`ALTER TABLE "attachment" DROP CONSTRAINT "FK_attachment_data_key"`);
    await q.query(`ALTER TABLE "attachment" DROP COLUMN "data_key_id"`);
    await q.query(`ALTER TABLE "request" DROP CONSTRAINT "FK_request_data_key"`);
    await q.query(`ALTER TABLE "request" DROP COLUMN "data_key_id"`);
    await q.query(`DROP TABLE "data_key"`);
    await q.query(`DROP FUNCTION "data_key_guard"()`);
  }
}
