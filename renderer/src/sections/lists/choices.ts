// The lists' fixed choices as the page shows them. The renderer takes only types from the contract, so the
// values are listed here and the compiler checks they are exactly the contract's (none missing, none extra).
import type { ListingFirmT, NeedT, PaymentT } from '../../../../db/contract';

type Exactly<T, U extends readonly T[]> = [T] extends [U[number]] ? U : never;

export const FINANCE_PURPOSES = ['流动资金', '固定资产投资', '技术改造', '研发', '其他'] as const satisfies readonly NeedT['purpose'][];
export const FINANCE_METHODS = ['信用贷款', '抵押贷款', '担保贷款', '项目贷款', '股权融资', '债券', '其他'] as const satisfies readonly NeedT['method'][];
export const PUSH_RESULTS = ['对接中', '已授信', '已放款', '未成功'] as const satisfies readonly NeedT['pushes'][number]['result'][];
export const NEED_STATUSES = ['未推送', '对接中', '已授信', '已放款', '未成功'] as const satisfies readonly NeedT['status'][];

export const RESERVES = ['凌云', '竞跃'] as const satisfies readonly ListingFirmT['reserve'][];
export const STAGES = ['入库', '完成股改', '辅导备案', '申报受理', '审核注册', '上市挂牌', '退出'] as const satisfies readonly ListingFirmT['stage'][];
export const MARKETS = ['沪深主板', '创业板', '科创板', '北交所', '新三板', '区域股权市场'] as const satisfies readonly NonNullable<ListingFirmT['market']>[];
export const PAYMENT_KINDS = ['首次认定奖励', '升规纳统奖励', '人才项目补贴', '股改奖补', '其他'] as const satisfies readonly PaymentT['kind'][];
export const REWARD_TITLES = ['leader_national', 'leader_provincial', 'champion_national', 'champion_provincial', 'little_giant', 'srdi_provincial', 'gazelle_provincial'] as const satisfies readonly NonNullable<PaymentT['titleCode']>[];

// Compile-time: each list names every value of its type.
export const CHECKED: [
  Exactly<NeedT['purpose'], typeof FINANCE_PURPOSES>,
  Exactly<NeedT['method'], typeof FINANCE_METHODS>,
  Exactly<NeedT['pushes'][number]['result'], typeof PUSH_RESULTS>,
  Exactly<NeedT['status'], typeof NEED_STATUSES>,
  Exactly<ListingFirmT['reserve'], typeof RESERVES>,
  Exactly<ListingFirmT['stage'], typeof STAGES>,
  Exactly<NonNullable<ListingFirmT['market']>, typeof MARKETS>,
  Exactly<PaymentT['kind'], typeof PAYMENT_KINDS>,
  Exactly<NonNullable<PaymentT['titleCode']>, typeof REWARD_TITLES>,
] = [FINANCE_PURPOSES, FINANCE_METHODS, PUSH_RESULTS, NEED_STATUSES, RESERVES, STAGES, MARKETS, PAYMENT_KINDS, REWARD_TITLES];
