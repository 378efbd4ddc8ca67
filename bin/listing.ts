// `champion-pool listing …` (上市后备库) and `champion-pool payouts …` (奖补兑现台账); see lists.ts.
import type { Command } from 'commander';
import type { DistrictContextT, ListingFirmT, ListingListT, PaymentT, PaymentsListT } from '../db/contract';
import type { CliTools } from './criteria';
import { registerListCommands } from './lists';

const context = (d: DistrictContextT) => [`全区情况（${d.source}）：${d.items.map((i) => `${i.label} ${i.value}${i.unit === 'wan' ? ' 万元' : ' 家'}`).join('，')}`];

export function registerListingCommands(program: Command, t: CliTools): void {
  let listing: ListingListT | null = null;
  registerListCommands<ListingFirmT>(program, t, {
    name: 'listing',
    description: '上市后备库: firms in the 竞跃 and 凌云 reserves, their dated stages and 退出',
    listName: '上市后备库',
    methods: { list: 'listing.list', export: 'listing.export', import: 'listing.import' },
    filters: [{ flag: '--reserve <name>', description: '竞跃 or 凌云 only' }],
    items: async (call, o) => {
      if (o.reserve && o.reserve !== '竞跃' && o.reserve !== '凌云') t.fail(`--reserve 应为 竞跃 或 凌云（收到“${o.reserve}”）`, 2);
      listing = (await call('listing.list', { reserve: o.reserve })) as ListingListT;
      return listing.firms;
    },
    exportInput: (o) => ({ reserve: o.reserve }),
    json: (f) => ({
      credit_code: f.creditCode,
      name: f.name,
      reserve: f.reserve,
      stage: f.stage,
      entered_on: f.enteredOn,
      stages: f.stages.map((s) => ({ stage: s.stage, date: s.onDate, reason: s.reason })),
      market: f.market,
      subsidy: f.subsidy,
      source: f.source,
    }),
    footer: async () => (listing ? [`阶段：${listing.funnel.map((s) => `${s.stage} ${s.count}`).join(' → ')}；退出 ${listing.exited}`, ...context(listing.district)] : []),
  });

  let payments: PaymentsListT | null = null;
  registerListCommands<PaymentT>(program, t, {
    name: 'payouts',
    description: '奖补兑现台账: rewards and subsidies paid per firm (万元, exact)',
    listName: '奖补兑现台账',
    methods: { list: 'payments.list', export: 'payments.export', import: 'payments.import' },
    filters: [{ flag: '--year <year>', description: 'one year only' }],
    items: async (call, o) => {
      const year = o.year === undefined ? undefined : Number(o.year);
      if (year !== undefined && !Number.isInteger(year)) t.fail(`年度无效：${o.year}`, 2);
      payments = (await call('payments.list', { year })) as PaymentsListT;
      return payments.rows;
    },
    exportInput: (o) => ({ year: o.year === undefined ? undefined : Number(o.year) }),
    json: (p) => ({ credit_code: p.creditCode, name: p.name, kind: p.kind, title: p.titleCode, year: p.year, amount: p.amount, document: p.document, source: p.source }),
    footer: async () => (payments ? [`合计 ${payments.rows.length} 笔：${payments.total} 万元`, ...payments.byKind.map((k) => `  ${k.kind}：${k.firms} 家 ${k.amount} 万元`), ...context(payments.district)] : []),
  });
}
