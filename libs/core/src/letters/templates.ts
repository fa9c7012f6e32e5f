import { LetterKind } from './letter-kinds';

/**
 * The letter bodies (handlebars). The wording here is locked: it cites the articles the law requires
 * and the remedies paragraph of docs/domain-rules.md. Agencies word only the `slots.*` values. The markup is kept
 * to `<p>` and `<h2>` with a class so the same letter converts faithfully to DOCX.
 */
const OPENING = `<p class="to">{{to}}：</p>
<p class="indent">本机关于{{request.receivedOn}}收到您（单位）提出的政府信息公开申请（申请编号：{{request.number}}）。`;

const ITEMS = `{{#each request.items}}<p class="indent">{{position}}. {{description}}{{#if documentNumber}}（文号：{{documentNumber}}）{{/if}}</p>
{{/each}}`;

const ANSWERS = `{{#each facts.items}}<p class="indent">{{position}}. 关于“{{description}}”：{{outcomeText}}{{#if provision}}{{provision}}{{/if}}{{#if reasons}}理由：{{reasons}}{{/if}}{{#if earlierRequest}}本机关已就您此前的申请（{{earlierRequest}}）作出答复。{{/if}}{{#if responsibleAgency}}该信息不属于本机关负责公开，请向{{responsibleAgency}}申请。{{/if}}（依据：{{legalBasis}}）</p>
{{/each}}{{#if facts.summary}}<p class="indent">{{facts.summary}}</p>
{{/if}}`;

export const REMEDIES = `{{#if remedies}}<p class="indent">{{#if remedies.reconsiderationFirst}}您（单位）对本告知书中不予公开的决定不服的，根据《中华人民共和国行政复议法》第二十三条的规定，应当先自知道该行政行为之日起六十日内向{{remedies.body}}申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。{{#if remedies.alsoDisclosed}}对本告知书其他内容不服的，可以自知道该行政行为之日起六十日内向{{remedies.body}}申请行政复议，也可以先申请行政复议。{{/if}}{{else}}您（单位）对本告知书不服的，可以自知道该行政行为之日起六十日内向{{remedies.body}}申请行政复议，或者自知道该行政行为之日起六个月内向{{remedies.court}}提起行政诉讼。{{/if}}</p>
{{/if}}`;

const CONTACT = `{{#if slots.contact}}<p class="indent">{{slots.contact}}{{#if agency.phone}}联系电话：{{agency.phone}}。{{/if}}{{#if agency.address}}地址：{{agency.address}}{{#if agency.postalCode}}（邮编：{{agency.postalCode}}）{{/if}}。{{/if}}</p>
{{/if}}`;

export const LETTER_BODIES: Record<LetterKind, string> = {
  application_form: `<p class="field">申请编号：{{request.number}}</p>
<p class="field">收到申请日期：{{request.receivedOn}}</p>
<p class="field">申请方式：{{facts.channel}}</p>
<p class="field">申请人：{{request.applicantName}}（{{facts.applicantType}}）</p>
{{#if facts.idNumber}}<p class="field">证件号码：{{facts.idNumber}}</p>
{{/if}}{{#if facts.creditCode}}<p class="field">统一社会信用代码：{{facts.creditCode}}</p>
{{/if}}{{#if facts.contactPerson}}<p class="field">联系人：{{facts.contactPerson}}</p>
{{/if}}<p class="field">联系电话：{{facts.phone}}</p>
{{#if facts.address}}<p class="field">通信地址：{{facts.address}}</p>
{{/if}}{{#if facts.email}}<p class="field">电子邮箱：{{facts.email}}</p>
{{/if}}<h2>所需政府信息</h2>
${ITEMS}<p class="field">信息的提供形式：{{facts.formOfProvision}}</p>
<p class="field">获取信息的方式：{{facts.deliveryChannel}}</p>`,

  acknowledgement: `${OPENING}所申请的内容为：</p>
${ITEMS}<p class="indent">根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复，即不迟于{{facts.replyDue}}{{#if facts.provisional}}（该日期按尚未公布的节假日安排暂算，公布后如有变化将另行告知）{{/if}}；需要延长答复期限的，将另行告知。</p>
${CONTACT}`,

  correction_notice: `${OPENING}经审查，该申请存在以下需要补正的事项：</p>
{{#each facts.defects}}<p class="indent">{{inc @index}}. {{this}}</p>
{{/each}}<p class="indent">根据《中华人民共和国政府信息公开条例》第三十条的规定，请您（单位）于{{facts.periodDue}}前（{{facts.periodWorkingDays}}个工作日内）对上述事项一次性予以补正。答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。</p>
{{#if slots.howToCorrect}}<p class="indent">{{slots.howToCorrect}}</p>
{{/if}}${CONTACT}`,

  art35_reasons: `${OPENING}经审查，您（单位）申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第三十五条的规定，请您（单位）说明理由：{{facts.question}}</p>
<p class="indent">本机关认为申请理由不合理的，将告知不予处理；认为申请理由合理，但是无法在条例第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知您（单位）。</p>
${CONTACT}`,

  art35_deadline: `${OPENING}经审查，您（单位）说明的理由合理，但申请公开政府信息的数量、频次明显超过合理范围，本机关无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内答复。</p>
<p class="indent">根据条例第三十五条的规定，本机关确定延迟答复的合理期限至{{facts.deadline}}。理由：{{facts.reason}}</p>
${CONTACT}`,

  extension_notice: `${OPENING}因{{facts.reason}}，本机关无法在规定期限内作出答复。</p>
<p class="indent">根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{facts.workingDays}}个工作日，本机关将于{{facts.newDue}}前作出答复。</p>
${CONTACT}`,

  third_party_consultation: `<p class="to">{{to}}：</p>
<p class="indent">本机关于{{request.receivedOn}}收到一份政府信息公开申请（申请编号：{{request.number}}），申请公开的信息涉及贵方：{{facts.subject}}</p>
<p class="indent">本机关认为公开该信息可能损害贵方的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。请贵方自收到本意见书之日起15个工作日内（{{facts.answerDue}}前）提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。</p>
<p class="indent">贵方不同意公开且有合理理由的，本机关不予公开。本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。</p>
${CONTACT}`,

  third_party_disclosure_notice: `<p class="to">{{to}}：</p>
<p class="indent">本机关于{{facts.openedOn}}就政府信息公开申请（申请编号：{{request.number}}）书面征求贵方意见，贵方于{{facts.answeredOn}}提出不同意公开的意见，理由为：{{facts.objection}}</p>
<p class="indent">经审查，本机关认为不公开可能对公共利益造成重大影响。根据《中华人民共和国政府信息公开条例》第三十二条的规定，本机关决定予以公开。现将决定公开的政府信息内容和理由书面告知如下。</p>
<p class="indent">决定公开的内容：{{facts.disclosure}}</p>
<p class="indent">决定公开的理由：{{facts.reasons}}</p>
${CONTACT}`,

  inter_agency_consultation: `<p class="to">{{to}}：</p>
<p class="indent">本机关于{{request.receivedOn}}收到一份政府信息公开申请（申请编号：{{request.number}}），申请公开的信息由本机关与贵机关共同制作：{{facts.subject}}</p>
<p class="indent">根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，现征求贵机关意见。请于收到本函之日起15个工作日内（{{facts.answerDue}}前）函复；逾期未提出意见的，视为同意公开。</p>
${CONTACT}`,

  assistance_letter: `<p class="to">{{to}}：</p>
<p class="indent">本机关于{{request.receivedOn}}收到政府信息公开申请（申请编号：{{request.number}}），申请内容如下：</p>
${ITEMS}<p class="indent">为依法按期答复，请贵单位协助查找并提供相关信息：{{facts.question}}本申请的答复期限为{{facts.replyDue}}。</p>
${CONTACT}`,

  fee_notice: `${OPENING}根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，{{#if facts.perRequest}}该申请是您（单位）本自然月内向本机关提出的第{{facts.quantity}}件申请{{else}}所需提供的政府信息共{{facts.quantity}}页{{/if}}，应缴纳信息处理费。</p>
<p class="indent">计收方式：{{facts.basisLabel}}。收费标准：{{facts.standard}}。</p>
{{#each facts.bands}}<p class="indent">{{label}}：{{units}} × {{unitYuan}}元 = {{amountYuan}}元</p>
{{/each}}<p class="indent">应缴金额：人民币{{facts.amountYuan}}元。</p>
<p class="indent">请自收到本通知书次日起20个工作日内（即{{facts.payDue}}前）缴纳。{{slots.howToPay}}逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。缴费期间不计算在答复期限内。</p>
${CONTACT}`,

  reply_disclose: `${OPENING}经审查，现答复如下：</p>
${ANSWERS}${REMEDIES}${CONTACT}`,

  reply_withhold: `${OPENING}经审查，现答复如下：</p>
${ANSWERS}${REMEDIES}${CONTACT}`,

  reply_unavailable: `${OPENING}经审查，现答复如下：</p>
${ANSWERS}${REMEDIES}${CONTACT}`,

  reply_not_processed: `${OPENING}经审查，现答复如下：</p>
${ANSWERS}${REMEDIES}${CONTACT}`,

  termination_notice: `${OPENING}{{facts.text}}</p>
${REMEDIES}${CONTACT}`,

  service_receipt: `<p class="field">送达文书：{{facts.documents}}</p>
<p class="field">受送达人：{{to}}</p>
<p class="field">送达方式：{{facts.channel}}</p>
{{#if facts.address}}<p class="field">送达地址：{{facts.address}}</p>
{{/if}}{{#if facts.trackingNumber}}<p class="field">邮件单号：{{facts.trackingNumber}}</p>
{{/if}}<p class="field">送达日期：{{facts.servedOn}}</p>
{{#if facts.signedBy}}<p class="field">签收人：{{facts.signedBy}}</p>
{{/if}}<p class="field">送达人：{{facts.servedBy}}</p>
{{#if facts.note}}<p class="field">备注：{{facts.note}}</p>
{{/if}}`,

  joint_consultation_minutes: `<p class="field">申请编号：{{request.number}}</p>
<p class="field">收到申请日期：{{request.receivedOn}}</p>
<p class="field">会商事项：{{facts.topic}}</p>
<p class="field">会商日期：{{facts.meetingOn}}</p>
<p class="field">召集人：{{facts.convenedBy}}</p>
<h2>申请内容</h2>
${ITEMS}<h2>参加会商</h2>
{{#each facts.participants}}<p class="indent">{{inc @index}}. {{name}}（{{kindLabel}}）</p>
{{/each}}<h2>各方意见</h2>
{{#each facts.participants}}<p class="indent">{{name}}：{{#if opinion}}{{opinion}}{{else}}未发表意见。{{/if}}</p>
{{/each}}<h2>会商结论</h2>
<p class="indent">{{facts.conclusion}}</p>
<p class="indent">会商是本机关内部的研究程序，不中止、不延长《中华人民共和国政府信息公开条例》第三十三条规定的答复期限。本申请的答复期限为{{facts.replyDue}}。</p>`,
};

/** The page around every body: header, title, number, signature, date and the seal placeholder (A4 print). */
export const LETTER_LAYOUT = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{letter.title}} {{letter.number}}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "仿宋", "STFangsong", serif; font-size: 16pt; line-height: 28pt; margin: 0; }
.letter { max-width: 156mm; margin: 0 auto; }
.masthead { color: #c00; text-align: center; font-size: 22pt; font-weight: bold; border-bottom: 2px solid #c00; padding-bottom: 6pt; }
h1 { font-family: "SimHei", "黑体", sans-serif; font-size: 22pt; text-align: center; margin: 18pt 0 6pt; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 16pt; margin: 6pt 0; }
p { margin: 0; }
.number { text-align: center; margin-bottom: 18pt; }
.indent { text-indent: 2em; }
.signature, .date { text-align: right; margin-right: 4em; }
.signature { margin-top: 28pt; }
.seal { text-align: right; margin-right: 4em; color: #c00; }
@media print { .letter { max-width: none; } }
</style>
</head>
<body>
<article class="letter">
<p class="masthead">{{agency.letterHeader}}</p>
<h1>{{letter.title}}</h1>
<p class="number">{{letter.number}}</p>
{{{body}}}
<p class="signature">{{agency.name}}</p>
<p class="date">{{letter.date}}</p>
<p class="seal">（{{agency.sealText}}）</p>
</article>
</body>
</html>
`;
