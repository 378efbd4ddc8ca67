// The lists' fixed choices as the page shows them. The renderer takes only types from the contract, so the
// values are listed here and the compiler checks they are exactly the contract's (none missing, none extra).
import type { NeedT } from '../../../../db/contract';

type Exactly<T, U extends readonly T[]> = [T] extends [U[number]] ? U : never;

export const FINANCE_PURPOSES = ['流动资金', '固定资产投资', '技术改造', '研发', '其他'] as const satisfies readonly NeedT['purpose'][];
export const FINANCE_METHODS = ['信用贷款', '抵押贷款', '担保贷款', '项目贷款', '股权融资', '债券', '其他'] as const satisfies readonly NeedT['method'][];
export const PUSH_RESULTS = ['对接中', '已授信', '已放款', '未成功'] as const satisfies readonly NeedT['pushes'][number]['result'][];
export const NEED_STATUSES = ['未推送', '对接中', '已授信', '已放款', '未成功'] as const satisfies readonly NeedT['status'][];

// Compile-time: each list names every value of its type.
export const CHECKED: [
  Exactly<NeedT['purpose'], typeof FINANCE_PURPOSES>,
  Exactly<NeedT['method'], typeof FINANCE_METHODS>,
  Exactly<NeedT['pushes'][number]['result'], typeof PUSH_RESULTS>,
  Exactly<NeedT['status'], typeof NEED_STATUSES>,
] = [FINANCE_PURPOSES, FINANCE_METHODS, PUSH_RESULTS, NEED_STATUSES];
