// The letter's district totals for the lists, shown beside them as context (like the gradient's district
// counts): never counted from the lists, always with their source.
import type { DistrictContextT } from '../contracts/lists';
import { SEED_LETTER } from './overviewGradient';

/** “将永彬木业等20余家企业纳入‘竞跃’股改后备库，鑫金山机械等4家企业纳入‘凌云’上市后备库”；“上市公司1家和完成股改企业28家，发放区级股改奖补资金420万元”. */
export const LISTING_CONTEXT: DistrictContextT = {
  source: SEED_LETTER,
  items: [
    { key: 'jingyue', label: '“竞跃”股改后备库 20余家', value: 20, unit: 'firms' },
    { key: 'lingyun', label: '“凌云”上市后备库', value: 4, unit: 'firms' },
    { key: 'listed', label: '上市公司', value: 1, unit: 'firms' },
    { key: 'restructured', label: '完成股改企业', value: 28, unit: 'firms' },
    { key: 'subsidy', label: '区级股改奖补资金', value: 420, unit: 'wan' },
  ],
};

/** “对丰元汇能等60家企业兑现2022年升规纳统奖励共292万元，对联润新材料等企业兑现人才项目补贴奖励共858.737万元”. */
export const PAYMENTS_CONTEXT: DistrictContextT = {
  source: SEED_LETTER,
  items: [
    { key: 'upgrade_firms', label: '2022年升规纳统奖励兑现企业', value: 60, unit: 'firms' },
    { key: 'upgrade', label: '2022年升规纳统奖励', value: 292, unit: 'wan' },
    { key: 'talent', label: '人才项目补贴奖励', value: 858.737, unit: 'wan' },
    { key: 'subsidy', label: '区级股改奖补资金', value: 420, unit: 'wan' },
  ],
};
