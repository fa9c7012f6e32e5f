import { createHash } from 'node:crypto';
import { ConsoleModule } from '../apps/console/src/console.module';
import { AesGcmCipher, KeyringCipher, rotatePersonalData } from '@gongkai/core/platform';
import { FrozenClock, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';
import type { TestApp } from '@gongkai/testing';
import { Desk } from './support/desk';
import { binary } from './support/binary';

const K2 = Buffer.alloc(32, 42);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const LEGACY_FILE = '6b1c3a9e-2f4d-4e8a-9b7c-1d2e3f4a5b6c';

/**
 * Versioned keys: while the apps could keep running, a rotation to a second key with SM4 (国密) re-wraps
 * every data key (what it encrypts stays as it is), moves what was written before data keys under a data
 * key of its own (requests, their consultations' addresses, files in PostgreSQL) and re-encrypts what is
 * under the ring itself; the apps then read everything, archived requests from before data keys keep the
 * key they were sealed with (their case files still verify), and the blind indexes stay, so the same
 * applicant is still recognised.
 */
describe('key rotation and the SM4 option', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  const ids: string[] = [];
  let archived: string;
  let modern: string;
  let k1: Buffer;
  let rotated: KeyringCipher;
  let after: TestApp;

  beforeAll(async () => {
    await desk.start(db().url);
    k1 = testConfig(db().url).personalDataKey;
    const old = new AesGcmCipher(k1);
    // Requests made before data keys: their values under the ring's key k1.
    const legacy = (id: string) =>
      desk.ds.query(
        `UPDATE request SET phone_enc = $2, id_number_enc = NULL, address_enc = NULL, data_key_id = NULL WHERE id = $1`,
        [id, old.encrypt('13812345678')],
      );
    for (let i = 0; i < 3; i++) {
      ids.push(await desk.applyAndClaim());
      await legacy(ids[i]);
    }
    // An agent's encrypted values sit in a JSON column.
    await desk.ds.query(`UPDATE request SET agent = $2 WHERE id = $1`, [
      ids[0],
      {
        name: '李律师',
        idType: 'resident_id',
        idNumberEnc: old.encrypt('110105198001010016'),
        idNumberMasked: '1101**********0016',
        phoneEnc: old.encrypt('13911112222'),
        phoneMasked: '139****2222',
        powerOfAttorneyAttachmentId: '00000000-0000-4000-8000-000000000000',
      },
    ]);
    // A third party's address written before addresses were encrypted.
    await desk.ds.query(
      `INSERT INTO consultation (id, request_id, party, party_name, party_address, subject, opened_on, answer_due)
       VALUES (gen_random_uuid(), $1, 'third_party', '王某某', '示范区建设路 18 号', '补偿协议', '2026-03-02', '2026-03-23')`,
      [ids[1]],
    );
    // A file uploaded before data keys, kept in the clear.
    await desk.ds.query(
      `INSERT INTO attachment (id, request_id, purpose, file_type, media_type, file_name, size, sha256, content, created_at)
       VALUES ($1, $2, 'other', 'pdf', 'application/pdf', '旧附件.pdf', $3, $4, $5, now())`,
      [LEGACY_FILE, ids[2], PDF.length, createHash('sha256').update(PDF).digest('hex'), PDF],
    );
    archived = await desk.applyAndClaim();
    await legacy(archived);
    await desk.act('handler', archived, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', archived, 'sign-off', {});
    await desk.act('handler', archived, 'record-service', { channel: 'online', servedOn: desk.today });
    await desk.act('handler', archived, 'archive', {});
    // A request of today, under its own data key.
    modern = await desk.applyAndClaim();
    rotated = new KeyringCipher({ id: 'k2', key: K2, scheme: 'sm4' }, { k1 }, 'k1');
  }, 60_000);
  afterAll(async () => {
    await after?.close();
    await desk.close();
  });

  const phones = () =>
    desk.ds.query<
      { id: string; phone_enc: string; agent: Record<string, string> | null; applicant_key: string }[]
    >(`SELECT id, phone_enc, agent, applicant_key FROM request ORDER BY id`);

  /** The cipher of the data key a value is under, unwrapped with the new ring. */
  const underKey = async (stored: string | Buffer) => {
    const id = rotated.dataKeyOf(stored)!;
    const [{ wrapped }] = await desk.ds.query<{ wrapped: string }[]>(
      `SELECT wrapped FROM data_key WHERE id = $1`,
      [id],
    );
    return rotated.withDataKey(id, Buffer.from(rotated.decrypt(wrapped), 'base64'));
  };

  it('should move what was written before data keys under them, re-wrap every data key, and leave the sealed archived request', async () => {
    const keysBefore = (await phones()).map((r) => r.applicant_key);
    const modernBefore = (await phones()).find((r) => r.id === modern)!.phone_enc;
    const [{ keys }] = await desk.ds.query<{ keys: number }[]>(`SELECT count(*)::int AS keys FROM data_key`);
    const result = await rotatePersonalData(desk.ds, rotated, 2);
    // Every data key re-wrapped under k2; the values under them untouched.
    expect(result.rewritten['data_key.wrapped']).toBe(keys);
    const wrapped = await desk.ds.query<{ wrapped: string }[]>(`SELECT wrapped FROM data_key`);
    expect(wrapped.every((k) => k.wrapped.startsWith('sm4:k2:'))).toBe(true);
    // The three requests made before data keys (not sealed) get one each; so does the old file.
    expect(result.rewritten['request.data_key']).toBe(3);
    expect(result.rewritten['attachment.data_key']).toBe(1);
    expect(result.sealed).toBe(1);
    // The demo citizen's account, made before logins were encrypted.
    expect(result.rewritten['citizen.login']).toBe(1);
    expect(await desk.ds.query(`SELECT 1 FROM citizen WHERE login IS NOT NULL`)).toHaveLength(0);
    const [c] = await desk.ds.query<{ party_address: string; data_key_id: string }[]>(
      `SELECT c.party_address, r.data_key_id FROM consultation c JOIN request r ON r.id = c.request_id`,
    );
    expect(rotated.dataKeyOf(c.party_address)).toBe(c.data_key_id);
    expect((await underKey(c.party_address)).decrypt(c.party_address)).toBe('示范区建设路 18 号');
    for (const r of (await phones()).filter((p) => p.id !== modern && p.id !== archived)) {
      expect(r.phone_enc.startsWith('sm4:d')).toBe(true);
      expect((await underKey(r.phone_enc)).decrypt(r.phone_enc)).toBe('13812345678');
    }
    const sealedPhone = (await phones()).find((r) => r.id === archived)!.phone_enc;
    expect(sealedPhone.startsWith('a256gcm:k1:')).toBe(true);
    expect(rotated.decrypt(sealedPhone)).toBe('13812345678');
    expect((await phones()).find((r) => r.id === modern)!.phone_enc).toBe(modernBefore);
    const agent = (await phones()).find((r) => r.id === ids[0])!.agent!;
    expect(agent.phoneEnc.startsWith('sm4:d')).toBe(true);
    expect((await underKey(agent.idNumberEnc)).decrypt(agent.idNumberEnc)).toBe('110105198001010016');
    const [file] = await desk.ds.query<{ content: Buffer }[]>(
      `SELECT content FROM attachment WHERE id = $1`,
      [LEGACY_FILE],
    );
    expect(file.content.includes(PDF)).toBe(false);
    expect((await underKey(file.content)).decryptBytes(file.content)).toEqual(PDF);
    // Nothing is left for a second run; the blind indexes did not change.
    expect(Object.values((await rotatePersonalData(desk.ds, rotated)).rewritten).every((n) => n === 0)).toBe(
      true,
    );
    expect((await phones()).map((r) => r.applicant_key)).toEqual(keysBefore);
  });

  it('should let the apps on the new keys read both, verify the sealed case file, and know the applicant', async () => {
    after = await startTestApp(
      ConsoleModule.forRoot(
        testConfig(db().url, {
          personalDataKey: K2,
          personalDataKeyId: 'k2',
          personalDataCipher: 'sm4',
          previousPersonalDataKeys: { k1 },
          personalDataIndexKeyId: 'k1',
        }),
      ),
      { clock: desk.clock },
    );
    const token = (
      await after.http
        .post('/api/console/auth/login')
        .send({ login: 'officehead', password: 'Gongkai#Demo2026' })
    ).body.token as string;
    const as = { Authorization: `Bearer ${token}` };
    for (const id of [ids[1], archived, modern]) {
      const shown = await after.http
        .post(`/api/console/requests/${id}/reveal`)
        .set(as)
        .send({ field: 'phone', reason: '电话联系申请人核实' })
        .expect(200);
      expect(shown.body.value).toBe('13812345678');
    }
    // The old file, now under its data key, downloads as it was uploaded (its SHA-256 checked).
    const file = await after.http
      .get(`/api/console/requests/${ids[2]}/attachments/${LEGACY_FILE}`)
      .set(as)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(file.body).toEqual(PDF);
    const check = await after.http
      .get(`/api/console/requests/${archived}/archive/verify`)
      .set(as)
      .expect(200);
    expect(check.body).toMatchObject({ ok: true });
  });
});
