import { DomainError, validationFailed } from '../errors/domain-error';

/**
 * Information processing fees (Art. 42; 《政府信息公开信息处理费管理办法》国办函〔2020〕109号). One
 * basis per request, never both; each basis is progressive over the excess.
 */
export const FEE_BASES = ['per_request', 'per_volume'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

export interface FeeBand {
  /** Inclusive range of requests (per_request) or pages (per_volume) the band covers. */
  from: number;
  to: number | null;
  unitYuan: number;
  units: number;
  amountYuan: number;
}

export interface FeeQuote {
  basis: FeeBasis;
  /** per_request: the ordinal of this request in the applicant's natural month; per_volume: pages. */
  quantity: number;
  amountYuan: number;
  bands: FeeBand[];
  standard: string;
}

function feeInputError(field: string, message: string): DomainError {
  return validationFailed([{ field, code: 'invalid', message }]);
}

/**
 * 按件: per applicant per natural month, requests 1–10 free; 11–30 100 yuan each; from 31 on, bands of
 * ten, each 100 yuan per request more than the one before (31–40: 200, 41–50: 300, …). The fee of one
 * request is the price of the band its ordinal falls in.
 */
export function perRequestUnitPrice(ordinal: number): number {
  if (ordinal <= 10) {
    return 0;
  }
  if (ordinal <= 30) {
    return 100;
  }
  return 100 * (Math.floor((ordinal - 31) / 10) + 2);
}

/** 按量: pages 1–30 free; 31–100 10 yuan/page; 101–200 20 yuan/page; 201 and more 40 yuan/page. */
const VOLUME_BANDS: { from: number; to: number | null; unitYuan: number }[] = [
  { from: 1, to: 30, unitYuan: 0 },
  { from: 31, to: 100, unitYuan: 10 },
  { from: 101, to: 200, unitYuan: 20 },
  { from: 201, to: null, unitYuan: 40 },
];

export function quoteFee(basis: FeeBasis, quantity: number): FeeQuote {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw feeInputError(basis === 'per_request' ? 'ordinal' : 'pages', '数量须为正整数');
  }
  if (basis === 'per_request') {
    const unit = perRequestUnitPrice(quantity);
    return {
      basis,
      quantity,
      amountYuan: unit,
      bands: [{ from: quantity, to: quantity, unitYuan: unit, units: 1, amountYuan: unit }],
      standard:
        '按件计收：同一申请人一个自然月内累计申请10件以下（含10件）不收费；11—30件每件100元；31件以上每增加10件，每件收费标准提高100元',
    };
  }
  const bands: FeeBand[] = [];
  for (const b of VOLUME_BANDS) {
    const top = b.to === null ? quantity : Math.min(b.to, quantity);
    const units = top - b.from + 1;
    if (units > 0) {
      bands.push({ ...b, units, amountYuan: units * b.unitYuan });
    }
  }
  return {
    basis,
    quantity,
    amountYuan: bands.reduce((sum, b) => sum + b.amountYuan, 0),
    bands,
    standard: '按量计收：30页以下（含30页）不收费；31—100页每页10元；101—200页每页20元；201页以上每页40元',
  };
}
