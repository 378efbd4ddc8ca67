// The seed letter's other lists about the same firms, each keyed by the firm's credit code (a firm need not be
// in the pool, and the district→city package carries them by code): the 融资需求名单 (needs, the banks each was
// pushed to with that bank's 对接结果), the 上市后备库 (竞跃 / 凌云 reserves, dated stages) and the ledger of
// rewards and subsidies paid. Amounts are 万元. Every change is also in the audit log (entities
// `financing`, `listing`, `payment`).

export const FINANCE_PURPOSES = ['流动资金', '固定资产投资', '技术改造', '研发', '其他'] as const;
export const FINANCE_METHODS = ['信用贷款', '抵押贷款', '担保贷款', '项目贷款', '股权融资', '债券', '其他'] as const;
export const PUSH_RESULTS = ['对接中', '已授信', '已放款', '未成功'] as const;
export const RESERVES = ['竞跃', '凌云'] as const;
export const STAGES = ['入库', '完成股改', '辅导备案', '申报受理', '审核注册', '上市挂牌', '退出'] as const;
export const MARKETS = ['沪深主板', '创业板', '科创板', '北交所', '新三板', '区域股权市场'] as const;
export const PAYMENT_KINDS = ['首次认定奖励', '升规纳统奖励', '人才项目补贴', '股改奖补', '其他'] as const;

const LETTER = '答复函（台工信字〔2023〕16号，2023年7月28日）';
const NOW = "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')";
const letterFirm = (name: string, reserve: string, said: string) => `
INSERT INTO listing_firms (credit_code, name, reserve, source, updated_by, updated_at)
SELECT (SELECT credit_code FROM firms WHERE name = '${name}'), '${name}', '${reserve}', '${LETTER}：${said}', 'system', ${NOW}
WHERE EXISTS (SELECT 1 FROM sources WHERE kind = 'seed_letter') AND NOT EXISTS (SELECT 1 FROM listing_firms WHERE name = '${name}');`;

/**
 * The firms the letter names in the reserves (鑫金山机械 in 凌云, 永彬木业 in 竞跃; the letter gives no code for
 * 永彬木业, so its code stays empty until the analyst fills it), entered on a date the letter does not give. Only in a data
 * file holding the default pool: run by the migration for an existing file and by the seed for a new one.
 */
export const LISTING_DEFAULTS = `${letterFirm('鑫金山机械', '凌云', '鑫金山机械等4家企业纳入“凌云”上市后备库')}
${letterFirm('永彬木业', '竞跃', '将永彬木业等20余家企业纳入“竞跃”股改后备库')}
`;

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const WHO = 'updated_by TEXT NOT NULL,\n  updated_at TEXT NOT NULL';

export const financeListingPayments = `
CREATE TABLE financing_needs (
  id INTEGER PRIMARY KEY,
  credit_code TEXT NOT NULL,
  name TEXT NOT NULL,
  project TEXT NOT NULL,
  amount REAL NOT NULL CHECK (amount > 0),
  purpose TEXT NOT NULL CHECK (purpose IN (${list(FINANCE_PURPOSES)})),
  method TEXT NOT NULL CHECK (method IN (${list(FINANCE_METHODS)})),
  term TEXT,
  -- 金融辅导: the bank the firm is paired with, and since when
  mentor_bank TEXT,
  mentor_since TEXT,
  note TEXT,
  source TEXT NOT NULL,
  ${WHO}
);
CREATE INDEX financing_needs_code ON financing_needs (credit_code);

CREATE TABLE financing_pushes (
  id INTEGER PRIMARY KEY,
  need_id INTEGER NOT NULL REFERENCES financing_needs(id) ON DELETE CASCADE,
  bank TEXT NOT NULL,
  pushed_on TEXT NOT NULL,
  result TEXT NOT NULL DEFAULT '对接中' CHECK (result IN (${list(PUSH_RESULTS)})),
  reason TEXT,
  credit_amount REAL CHECK (credit_amount >= 0),
  loan_amount REAL CHECK (loan_amount >= 0),
  ${WHO},
  UNIQUE (need_id, bank)
);
CREATE INDEX financing_pushes_bank ON financing_pushes (bank);

CREATE TABLE listing_firms (
  id INTEGER PRIMARY KEY,
  -- null only where the source names a firm without its code (the letter's 永彬木业)
  credit_code TEXT UNIQUE,
  name TEXT NOT NULL,
  reserve TEXT NOT NULL CHECK (reserve IN (${list(RESERVES)})),
  entered_on TEXT,
  market TEXT CHECK (market IN (${list(MARKETS)})),
  intermediaries TEXT,
  problems TEXT,
  -- the 诉求台账 entry the problems are tracked under, once that ledger exists
  request_id INTEGER,
  source TEXT NOT NULL,
  ${WHO}
);

-- the stages after 入库 (the entry date is the firm's own), each dated, and 退出 with its reason
CREATE TABLE listing_stages (
  id INTEGER PRIMARY KEY,
  listing_id INTEGER NOT NULL REFERENCES listing_firms(id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN (${list(STAGES.slice(1))})),
  on_date TEXT NOT NULL,
  reason TEXT,
  source TEXT NOT NULL,
  ${WHO},
  UNIQUE (listing_id, stage)
);

CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  credit_code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (${list(PAYMENT_KINDS)})),
  -- the title a 首次认定奖励 was paid for
  title_code TEXT,
  year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  amount REAL NOT NULL CHECK (amount > 0),
  document TEXT,
  source TEXT NOT NULL,
  ${WHO}
);
CREATE INDEX payments_code ON payments (credit_code);

${LISTING_DEFAULTS}
`;
