/** The 查询码 travels to the receipt page once, in this short-lived HttpOnly cookie; it is never stored. */
export const QUERY_CODE_COOKIE = 'gk_query_code';

/** Why the receipt date is the day it is (Art. 31), in the applicant's words. */
export const RECEIPT_DATE_RULE =
  '根据《政府信息公开条例》第三十一条，通过互联网渠道提交的申请，以系统确认申请提交成功的日期为收到申请之日。答复期限从次日起按工作日计算。';
