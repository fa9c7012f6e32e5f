import { randomUUID } from 'node:crypto';
import { Controller, Get, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_CHANNELS,
  DomainError,
  FORM_OF_PROVISION_LABELS,
  FORMS_OF_PROVISION,
  ID_DOCUMENT_TYPE_LABELS,
  ID_DOCUMENT_TYPES,
  INTAKE_CHANNEL_LABELS,
  INTAKE_CHANNELS,
  receiptDateProblems,
  validationFailed,
} from '@gongkai/domain';
import type { FieldError, IntakeChannel } from '@gongkai/domain';
import { AgencyService } from '@gongkai/core/agencies';
import { AttachmentService, UPLOAD_LIMITS, uploadedFile } from '@gongkai/core/attachments';
import type { AttachmentPurpose, UploadedFileLike } from '@gongkai/core/attachments';
import { Access, Clock, StaffCaller, createValidationPipe, scopesFor } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { IntakeService, RegistrationDto } from '@gongkai/core/requests/intake';
import { TrackingService } from '@gongkai/core/requests/tracking';
import { NO_ERRORS, Pages, formErrors, problemsOf, text, ticked } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';

/** Rows of items the paper form offers; an application with more is split or entered in two goes. */
const ITEM_ROWS = 5;
const SCANS: { field: string; purpose: AttachmentPurpose; label: string }[] = [
  { field: 'scan_application', purpose: 'application', label: '申请书扫描件' },
  { field: 'scan_identity', purpose: 'identity', label: '身份证明扫描件' },
  { field: 'scan_power_of_attorney', purpose: 'power_of_attorney', label: '授权委托书扫描件' },
];
const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

/**
 * 登记纸质申请: a clerk enters an application received in person, by post, e-mail or fax with its
 * true receipt date (Art. 31), may split its items into several requests, uploads the scans, and
 * gets the numbers with the printed 接收回执 and 申请登记表.
 */
@ApiExcludeController()
@Controller('register')
export class RegisterPagesController {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly pages: Pages,
    private readonly intake: IntakeService,
    private readonly agencies: AgencyService,
    private readonly attachments: AttachmentService,
    private readonly tracking: TrackingService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('request.register')
  form(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    return this.render(c, req, res, {}, NO_ERRORS);
  }

  @Post()
  @Access('request.register')
  @UseInterceptors(
    FileFieldsInterceptor(
      SCANS.map((s) => ({ name: s.field, maxCount: 1 })),
      { limits: { ...UPLOAD_LIMITS, files: SCANS.length, fields: 120 } },
    ),
  )
  async submit(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Req() req: Request & { files?: Record<string, UploadedFileLike[]> },
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const body = req.body as Record<string, unknown>;
    try {
      const plain = registrationInput(body);
      // The receipt date's rule (Art. 31) and a form without items are told with the rest, all at once.
      const formProblems: FieldError[] = [
        ...receiptDateProblems({
          channel: plain.channel as IntakeChannel,
          receivedOn: plain.receivedOn as string,
          ...(plain.arrivedOn ? { arrivedOn: plain.arrivedOn as string } : {}),
          today: this.clock.today(),
        }),
        ...((plain.items as unknown[]).length === 0
          ? [{ field: 'item_1', code: 'required', message: '请至少填写一项所需信息' }]
          : []),
      ];
      const checked = (await this.pipe
        .transform(plain, { type: 'body', metatype: RegistrationDto, data: '' })
        .catch((e: unknown) => {
          throw validationFailed([...(problemsOf(e) ?? []), ...formProblems]);
        })) as RegistrationDto;
      if (formProblems.length > 0) {
        throw validationFailed(formProblems);
      }
      // The scans are stored only once the form itself is right, so a refused form leaves no orphans.
      const ids: Partial<Record<AttachmentPurpose, string>> = {};
      for (const scan of SCANS) {
        const file = req.files?.[scan.field]?.[0];
        if (file && file.buffer.length > 0) {
          try {
            ids[scan.purpose] = (await this.attachments.upload(c, uploadedFile(file), scan.purpose)).id;
          } catch (e) {
            throw renamed(e, scan.field);
          }
        }
      }
      const dto: RegistrationDto = {
        ...checked,
        attachmentIds: [ids.application, ids.identity].filter((x): x is string => !!x),
        ...(checked.agent && ids.power_of_attorney
          ? { agent: { ...checked.agent, powerOfAttorneyAttachmentId: ids.power_of_attorney } }
          : {}),
      };
      const key = text(body, 'idempotencyKey', 80) || undefined;
      const { results } = await this.intake.register(c, dto, key);
      // The applicant follows a paper request in the portal with its number and this code, shown once.
      const codes = await Promise.all(results.map((r) => this.tracking.issueCode(r.id)));
      return this.pages.render(
        req,
        res,
        'register-done',
        { results: results.map((r, i) => ({ ...r, queryCode: codes[i] })), split: results.length > 1 },
        { title: '登记完成', active: '/register' },
      );
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.render(c, req, res, body, formErrors(problems, formField));
    }
  }

  private async render(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    errors: FormErrors,
  ) {
    const agencies = await this.agencies.subtree(scopesFor(c.principal, 'request.register'));
    const v = (name: string) => (typeof values[name] === 'string' ? values[name] : '');
    return this.pages.render(
      req,
      res,
      'register',
      {
        values,
        errors,
        today: this.clock.today(),
        idempotencyKey: v('idempotencyKey') || randomUUID(),
        agencies: agencies.map((a) => ({ value: a.id, label: a.name })),
        channels: options(
          INTAKE_CHANNELS.filter((x) => x !== 'online'),
          INTAKE_CHANNEL_LABELS,
        ),
        applicantTypes: options(APPLICANT_TYPES, APPLICANT_TYPE_LABELS),
        idTypes: options(ID_DOCUMENT_TYPES, ID_DOCUMENT_TYPE_LABELS),
        forms: options(FORMS_OF_PROVISION, FORM_OF_PROVISION_LABELS),
        deliveries: options(DELIVERY_CHANNELS, DELIVERY_CHANNEL_LABELS),
        groups: Array.from({ length: ITEM_ROWS }, (_, i) => ({
          value: String(i + 1),
          label: `第 ${i + 1} 件`,
        })),
        items: Array.from({ length: ITEM_ROWS }, (_, i) => ({
          n: i + 1,
          description: v(`item_${i + 1}`),
          documentNumber: v(`doc_${i + 1}`),
          group: v(`group_${i + 1}`) || '1',
          error: errors.fields[`item_${i + 1}`],
        })),
        hasAgent: ticked(values, 'hasAgent'),
        scans: SCANS.map((s) => ({ ...s, error: errors.fields[s.field] })),
      },
      { title: '登记纸质申请', active: '/register' },
    );
  }
}

/** The form's fields as the registration input: blank rows left out, the split from each row's group. */
export function registrationInput(body: Record<string, unknown>): Record<string, unknown> {
  const opt = (name: string, max = 200) => text(body, name, max) || undefined;
  const rows = Array.from({ length: ITEM_ROWS }, (_, i) => i + 1)
    .map((n) => ({
      n,
      description: text(body, `item_${n}`, 2000),
      doc: opt(`doc_${n}`, 100),
      group: text(body, `group_${n}`, 2) || '1',
    }))
    .filter((r) => r.description);
  const distinct = [...new Set(rows.map((r) => r.group))].sort();
  const groups = distinct.map((g) => rows.flatMap((r, index) => (r.group === g ? [index] : [])));
  const applicantType = text(body, 'applicantType', 40);
  const person = applicantType === 'natural_person';
  return {
    agencyId: text(body, 'agencyId', 60),
    channel: text(body, 'channel', 30),
    receivedOn: text(body, 'receivedOn', 20),
    arrivedOn: text(body, 'channel', 30) === 'ordinary_mail' ? opt('arrivedOn', 20) : undefined,
    applicantType,
    applicant: {
      name: text(body, 'name', 200),
      ...(person
        ? { idType: opt('idType', 40), idNumber: opt('idNumber', 40) }
        : { creditCode: opt('creditCode', 40), contactPerson: opt('contactPerson', 100) }),
    },
    phone: text(body, 'phone', 30),
    email: opt('email', 200),
    address: opt('address', 300),
    postalCode: opt('postalCode', 10),
    ...(ticked(body, 'hasAgent')
      ? {
          agent: {
            name: text(body, 'agentName', 100),
            idType: text(body, 'agentIdType', 40),
            idNumber: text(body, 'agentIdNumber', 40),
            phone: text(body, 'agentPhone', 30),
          },
        }
      : {}),
    items: rows.map((r) => ({ description: r.description, ...(r.doc ? { documentNumber: r.doc } : {}) })),
    ...(groups.length > 1 ? { groups } : {}),
    formOfProvision: text(body, 'formOfProvision', 30),
    deliveryChannel: text(body, 'deliveryChannel', 30),
  };
}

/** An input field (`applicant.name`, `items[1].description`) as the form names it. */
function formField(field: string): string {
  const item = /^items(?:\[(\d+)\]|\.(\d+))?/.exec(field);
  if (item) {
    const index = item[1] ?? item[2];
    return index === undefined ? 'item_1' : `item_${Number(index) + 1}`;
  }
  if (field.startsWith('groups')) {
    return 'group_1';
  }
  const names: Record<string, string> = {
    'applicant.name': 'name',
    'applicant.idType': 'idType',
    'applicant.idNumber': 'idNumber',
    'applicant.creditCode': 'creditCode',
    'applicant.contactPerson': 'contactPerson',
    'agent.name': 'agentName',
    'agent.idType': 'agentIdType',
    'agent.idNumber': 'agentIdNumber',
    'agent.phone': 'agentPhone',
    applicant: 'name',
  };
  return names[field] ?? field;
}

/** An upload refused under the generic name `file`, named for the form's scan field. */
function renamed(e: unknown, field: string): unknown {
  const problems = problemsOf(e);
  if (!problems || !(e instanceof DomainError)) {
    return e;
  }
  const fixed: FieldError[] = problems.map((p) => ({ ...p, field }));
  return new DomainError(e.code, e.kind, e.message, fixed);
}
