/** What a submission answers: the numbered request and its acknowledgement of receipt (接收回执). */
export interface IntakeResult {
  id: string;
  number: string;
  agencyId: string;
  agencyName: string;
  status: string;
  receivedOn: string;
  replyDue: string | null;
  replyDueProvisional: boolean;
  /** The 接收回执, also issued as a stored, numbered letter the applicant can download. */
  acknowledgement: { title: string; text: string; letterId: string; letterNumber: string };
}
