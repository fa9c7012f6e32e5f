import { createHash } from 'node:crypto';
import { EmailProvider } from '@gongkai/core/notifications';
import type { MailAcceptance } from '@gongkai/core/notifications';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

interface Sent {
  to: string;
  subject: string;
  body: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** A mail server that accepts (or, when told, refuses) and keeps what it was given. */
class MailServer {
  sent: Sent[] = [];
  refuse = false;
  send(m: Sent): Promise<MailAcceptance> {
    if (this.refuse) {
      return Promise.reject(new Error('421 4.3.0 try again later'));
    }
    this.sent.push(m);
    return Promise.resolve({ messageId: `<m${this.sent.length}@mail.example.cn>`, response: '250 2.0.0 Ok' });
  }
}

/** Service by e-mail: the issued letter itself goes out, and the server's acceptance is the proof. */
describe('service by e-mail', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  const mail = new MailServer();

  beforeAll(() => desk.start(db().url, {}, [{ provide: EmailProvider, useValue: mail }]));
  afterAll(() => desk.close());

  async function replied(): Promise<string> {
    const id = await desk.applyAndClaim(1, { deliveryChannel: 'email' });
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', id, 'sign-off', {});
    return id;
  }

  it('should send the letter itself, attached with its number and hash, and record the acceptance', async () => {
    const id = await replied();
    const served = await desk.act('handler', id, 'record-service', {
      channel: 'email',
      servedOn: '2026-03-02',
    });
    expect(served).toMatchObject({ status: 'served' });
    const [letter] = await desk.ds.query<{ number: string; docx: Buffer; docx_sha256: string }[]>(
      `SELECT number, docx, docx_sha256 FROM letter WHERE request_id = $1 AND kind LIKE 'reply%' ORDER BY issued_at DESC LIMIT 1`,
      [id],
    );
    const m = mail.sent.at(-1)!;
    expect(m.to).toBe('zhangsan@example.cn');
    expect(m.subject).toContain(letter.number);
    expect(m.body).toContain(letter.docx_sha256);
    const docx = m.attachments!.find((a) => a.filename.endsWith('.docx'))!;
    expect(createHash('sha256').update(docx.content).digest('hex')).toBe(letter.docx_sha256);
    const [event] = await desk.ds.query<{ data: { email: { messageId: string; acceptedAt: string } } }[]>(
      `SELECT data FROM request_event WHERE request_id = $1 AND type = 'served'`,
      [id],
    );
    expect(event.data.email.messageId).toBe(`<m${mail.sent.length}@mail.example.cn>`);
    expect(event.data.email.acceptedAt).toBe(desk.clock.now().toISOString());
  });

  it('should change nothing when the mail server refuses', async () => {
    const id = await replied();
    mail.refuse = true;
    try {
      const refused = await desk.refused('handler', id, 'record-service', {
        channel: 'email',
        servedOn: '2026-03-02',
      });
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('SERVICE.MAIL_REFUSED');
      expect((await desk.row(id)).status).toBe('replied');
    } finally {
      mail.refuse = false;
    }
  });

  it('should refuse e-mail service to an applicant who left no address, naming the channel', async () => {
    const id = await desk.applyAndClaim(1, { email: undefined });
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', id, 'sign-off', {});
    const refused = await desk.refused('handler', id, 'record-service', {
      channel: 'email',
      servedOn: '2026-03-02',
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.details)).toContain('channel');
  });
});
