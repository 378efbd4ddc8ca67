// The ledger's rows as of the chosen day: a light per open request (red overdue, yellow due within three days),
// sortable columns, a click opens the request in the side panel.
import { useTranslation } from 'react-i18next';
import type { REQUEST_SORT_COLUMNS } from '../../../../db/contract';
import { formatDay, type Lang, type RequestRowT } from './model';

export type SortColumn = (typeof REQUEST_SORT_COLUMNS)[number];
export interface Sort {
  column: SortColumn;
  dir: 'asc' | 'desc';
}

const COLUMNS: { key: string; sort?: SortColumn }[] = [
  { key: 'light', sort: 'open_first' },
  { key: 'firm', sort: 'firm' },
  { key: 'category', sort: 'category' },
  { key: 'content' },
  { key: 'department', sort: 'department' },
  { key: 'received', sort: 'received' },
  { key: 'deadline', sort: 'deadline' },
  { key: 'closed' },
  { key: 'status', sort: 'status' },
  { key: 'rating' },
];

export function Light({ row }: { row: RequestRowT }) {
  const { t } = useTranslation();
  if (!row.light) return <span className="rq-light rq-light-none" aria-hidden="true" />;
  return <span className={`rq-light rq-light-${row.light}`} title={t(`requests.light.${row.light}`)} aria-label={t(`requests.light.${row.light}`)} data-light={row.light} />;
}

export function DueText({ row }: { row: RequestRowT }) {
  const { t } = useTranslation();
  if (row.daysLeft === null) return null;
  const text = row.daysLeft < 0 ? t('requests.daysLate', { count: -row.daysLeft }) : row.daysLeft === 0 ? t('requests.dueToday') : t('requests.daysLeft', { count: row.daysLeft });
  return <small className={`rq-due rq-due-${row.light}`}>{text}</small>;
}

export function StatusText({ row }: { row: RequestRowT }) {
  const { t } = useTranslation();
  return (
    <span className={`rq-status rq-status-${row.status}`} data-status={row.status}>
      {t(`requests.status.${row.status}`)}
      {row.closedLate && <small className="rq-late"> · {t('requests.closedLate')}</small>}
    </span>
  );
}

export function LedgerTable({ rows, sort, onSort, selected, onSelect }: { rows: RequestRowT[]; sort: Sort; onSort: (s: Sort) => void; selected: number | null; onSelect: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const header = (c: (typeof COLUMNS)[number]) => {
    if (!c.sort) return t(`requests.col.${c.key}`);
    const active = sort.column === c.sort;
    const next: Sort = { column: c.sort, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' };
    return (
      <button type="button" className="rq-sort" onClick={() => onSort(next)} data-sort={c.sort}>
        {t(`requests.col.${c.key}`)}
        {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    );
  };
  return (
    <div className="rq-table-wrap">
      <table className="rq-table" data-testid="rq-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} aria-sort={c.sort && sort.column === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                {header(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.id === selected ? 'is-selected' : undefined} onClick={() => onSelect(r.id)} data-request={r.id}>
              <td>
                <Light row={r} />
              </td>
              <td>
                <button type="button" className="link" onClick={() => onSelect(r.id)}>
                  {r.firm}
                </button>
                {!r.inPool && <small className="rq-outside"> {t('requests.outside')}</small>}
                {r.sample && <small className="rq-sample"> 示例</small>}
              </td>
              <td>{r.category}</td>
              <td className="rq-content">{r.content}</td>
              <td>{r.department ?? '—'}</td>
              <td>{formatDay(r.received, lang)}</td>
              <td>
                {r.deadline ? formatDay(r.deadline, lang) : <span className="muted">{t('requests.noDeadline')}</span>}
                <DueText row={r} />
              </td>
              <td>{formatDay(r.closed, lang)}</td>
              <td>
                <StatusText row={r} />
              </td>
              <td>{r.rating ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('requests.none')}</p>}
    </div>
  );
}
