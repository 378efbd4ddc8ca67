// 诉求台账: firms' requests handed by the 专班 to a 责任部门 with a deadline, closed and followed up (回访). Kept by
// the firm's credit code as well as its id, so a package to the city carries them without the firm table. The
// editable category and department lists live in request_lists; progress notes, hand-overs, closings and 回访
// of every round (a 不满意 reopens a request) in request_progress; every change in the audit log (request_id).
const CATEGORIES = ['用地厂房', '融资', '用工人才', '审批手续', '政策兑现', '水电气热', '物流交通', '环保', '市场订单', '其他'];
const DEPARTMENTS = [
  '区发展和改革局',
  '区工业和信息化局',
  '区科学技术局',
  '区财政局',
  '区人力资源和社会保障局',
  '区自然资源局',
  '区住房和城乡建设局',
  '区生态环境分局',
  '区交通运输局',
  '区商务局',
  '区市场监督管理局',
  '区行政审批服务局',
  '区税务局',
  '区地方金融服务中心',
  '区供电中心',
  '属地镇街',
];

const listRows = (kind: string, names: string[]) => names.map((n, i) => `('${kind}', '${n}', ${i + 1})`).join(',\n  ');

export const requests = `
CREATE TABLE request_lists (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('category', 'department')),
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (kind, name)
);
INSERT INTO request_lists (kind, name, position) VALUES
  ${listRows('category', CATEGORIES)},
  ${listRows('department', DEPARTMENTS)};

CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
  credit_code TEXT NOT NULL,
  town TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('镇街走访', '服务专员', '企业反馈', '12345转办', '其他')),
  category TEXT NOT NULL,
  content TEXT NOT NULL,
  received TEXT NOT NULL CHECK (received GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  taken_by TEXT,
  handling TEXT NOT NULL CHECK (handling IN ('就地解决', '上报专班')),
  department TEXT,
  assigned TEXT,
  deadline TEXT,
  closed TEXT,
  result TEXT,
  visited TEXT,
  rating TEXT CHECK (rating IN ('满意', '基本满意', '不满意')),
  rounds INTEGER NOT NULL DEFAULT 1 CHECK (rounds >= 1),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_row INTEGER,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (deadline IS NULL OR deadline >= received),
  CHECK (closed IS NULL OR closed >= received),
  CHECK (visited IS NULL OR (closed IS NOT NULL AND visited >= closed))
);
CREATE INDEX requests_firm ON requests(firm_id);
CREATE INDEX requests_received ON requests(received);

CREATE TABLE request_progress (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  round INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('progress', 'handover', 'close', 'visit', 'reopen')),
  date TEXT NOT NULL,
  note TEXT NOT NULL,
  by TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX request_progress_request ON request_progress(request_id, id);

ALTER TABLE audit_log ADD COLUMN request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL;
CREATE INDEX audit_request ON audit_log(request_id, id);
`;
