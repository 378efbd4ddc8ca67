// `champion-pool finance …`: the 融资需求名单 (see lists.ts for the shared commands).
import type { Command } from 'commander';
import type { NeedT, FinanceListT } from '../db/contracts/financing';
import type { CliTools } from './criteria';
import { registerListCommands } from './lists';

const wan = (n: number) => `${n} 万元`;

export function registerFinanceCommands(program: Command, t: CliTools): void {
  let last: FinanceListT | null = null;
  registerListCommands<NeedT>(program, t, {
    name: 'finance',
    description: '融资需求名单: financing needs, the banks they were pushed to and each bank\u2019s result',
    listName: '融资需求名单',
    methods: { list: 'finance.list', export: 'finance.export', import: 'finance.import' },
    filters: [{ flag: '--bank <name>', description: 'only the needs pushed to this bank' }],
    items: async (call, o) => {
      last = (await call('finance.list', { bank: o.bank })) as FinanceListT;
      return last.needs;
    },
    exportInput: (o) => ({ bank: o.bank }),
    json: (n) => ({
      credit_code: n.creditCode,
      name: n.name,
      project: n.project,
      amount: n.amount,
      purpose: n.purpose,
      method: n.method,
      banks: n.pushes.map((p) => p.bank),
      status: n.status,
      credit: n.credit,
      loan: n.loan,
    }),
    footer: async () => {
      if (!last) return [];
      const s = last.totals;
      return [`合计 ${s.needs} 项：融资金额 ${wan(s.amount)}，授信 ${wan(s.credit)}，放款 ${wan(s.loan)}`, ...last.byBank.map((b) => `  ${b.bank}：推送 ${b.needs} 项 ${wan(b.amount)}，授信 ${wan(b.credit)}，放款 ${wan(b.loan)}`)];
    },
  });
}
