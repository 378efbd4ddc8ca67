// The pool table: TanStack Table v9 for columns, headers and sort state (sorting itself happens in SQL),
// TanStack Virtual for rows, so only the visible rows are in the DOM whatever the pool's size.
import { createColumnHelper, rowSortingFeature, tableFeatures, useTable, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolRowT, PoolSortColumn } from '../../../db/contract';
import { TitleChips } from '../components/TitleChips';
import { formatMoney, formatPercent, formatRank, type Lang } from '../format';
import { href } from '../route';
import type { PoolPages } from './usePoolPages';

/** `asOf`: the data year shown, against which a title is valid or lapsed. */
type Row = PoolRowT & { index: number; asOf: number | null };

const features = tableFeatures({ rowSortingFeature });
const helper = createColumnHelper<typeof features, Row>();

function Header({ id }: { id: PoolSortColumn }) {
  const { t } = useTranslation();
  return <>{t(`pool.columns.${id}`)}</>;
}

function Lang<T>({ value, render }: { value: T; render: (v: T, lang: Lang) => ReactNode }) {
  const { i18n } = useTranslation();
  return <>{render(value, i18n.language as Lang)}</>;
}

function NameCell({ row }: { row: Row }) {
  const { t } = useTranslation();
  return (
    <a className="firm-link" href={href('firm', row.firmId)}>
      <span className="firm-name">
        {row.name}
        {row.sample && <span className="tag-sample">{t('pool.sampleTag')}</span>}
      </span>
      <span className="firm-code">{row.creditCode}</span>
      {/* 报送区县: a firm two districts reported is one row naming both. */}
      {row.districts && row.districts.length > 0 && (
        <span className="firm-districts" data-testid="firm-districts" title={t('pool.district')}>
          {row.districts.join('、')}
        </span>
      )}
    </a>
  );
}

const numeric = { meta: { align: 'right' } } as const;
// Rank 1 is best: the first click sorts ranks ascending, unlike money and shares.
const rank = { ...numeric, sortDescFirst: false } as const;
export const COLUMN_WIDTHS: Record<PoolSortColumn, number> = {
  name: 212,
  town: 100,
  chain: 96,
  main_product: 150,
  titles: 210,
  revenue: 108,
  main_share: 92,
  share_domestic: 100,
  rank_national: 80,
  rank_global: 80,
  verdict: 120,
};

function VerdictCell({ row }: { row: Row }) {
  const { t } = useTranslation();
  if (!row.verdict) return <>—</>;
  return (
    <span className="verdict-cell">
      <span className={`verdict verdict-${row.verdict}`}>{t(`verdicts.${row.verdict}`)}</span>
      <span className="status-dots" aria-hidden>
        {row.statuses
          .filter((s) => s.enabled)
          .map((s) => (
            <span key={s.id} className={`dot status-${s.status}`} title={`${s.id}：${t(`statuses.${s.status}`)}`} />
          ))}
      </span>
    </span>
  );
}

const columns = helper.columns([
  helper.accessor('name', { id: 'name', header: () => <Header id="name" />, cell: (c) => <NameCell row={c.row.original} /> }),
  helper.accessor('verdict', { id: 'verdict', header: () => <Header id="verdict" />, cell: (c) => <VerdictCell row={c.row.original} /> }),
  helper.accessor('town', { id: 'town', header: () => <Header id="town" />, cell: (c) => c.getValue() ?? '—' }),
  helper.accessor('chain', { id: 'chain', header: () => <Header id="chain" />, cell: (c) => c.getValue() ?? '—' }),
  helper.accessor('mainProduct', { id: 'main_product', header: () => <Header id="main_product" />, cell: (c) => c.getValue() ?? '—' }),
  helper.accessor('titles', { id: 'titles', header: () => <Header id="titles" />, cell: (c) => <TitleChips titles={c.getValue()} asOf={c.row.original.asOf} /> }),
  helper.accessor('revenue', { id: 'revenue', ...numeric, header: () => <Header id="revenue" />, cell: (c) => <Lang value={c.getValue()} render={formatMoney} /> }),
  helper.accessor('mainShare', { id: 'main_share', ...numeric, header: () => <Header id="main_share" />, cell: (c) => formatPercent(c.getValue()) }),
  helper.accessor('shareDomestic', { id: 'share_domestic', ...numeric, header: () => <Header id="share_domestic" />, cell: (c) => formatPercent(c.getValue()) }),
  helper.accessor('rankNational', { id: 'rank_national', ...rank, header: () => <Header id="rank_national" />, cell: (c) => <Lang value={c.getValue()} render={formatRank} /> }),
  helper.accessor('rankGlobal', { id: 'rank_global', ...rank, header: () => <Header id="rank_global" />, cell: (c) => <Lang value={c.getValue()} render={formatRank} /> }),
]);

// Two lines of title chips fit a row.
const ROW_HEIGHT = 54;

export function PoolTable({ pages, sorting, onSortingChange }: { pages: PoolPages; sorting: SortingState; onSortingChange: (s: SortingState) => void }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = pages.total ?? 0;
  // initialRect: rows can be laid out before the first measurement (and in tests, where nothing has a size).
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is mutable by design; this component re-renders on scroll anyway
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, initialRect: { width: 1200, height: 640 } });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    if (total) ensure(first, last);
  }, [ensure, first, last, total]);

  // Only the rows in the visible window are handed to the table.
  const data = useMemo(() => {
    const out: Row[] = [];
    for (let i = first; i <= last && i < total; i++) {
      const r = pages.row(i);
      if (r) out.push({ ...r, index: i, asOf: pages.dataYear });
    }
    return out;
  }, [pages, first, last, total]);

  const table = useTable({
    features,
    columns,
    data,
    getRowId: (r) => String(r.index),
    manualSorting: true,
    enableMultiSort: false,
    state: { sorting },
    onSortingChange: (u) => onSortingChange(typeof u === 'function' ? u(sorting) : u),
  });
  const byIndex = new Map(table.getRowModel().rows.map((r) => [r.original.index, r]));
  const width = Object.values(COLUMN_WIDTHS).reduce((a, b) => a + b, 0);

  return (
    <div className={`table-scroll${pages.stale ? ' is-stale' : ''}`} ref={scrollRef} data-testid="pool-table">
      <table className="grid-table" style={{ width }} aria-rowcount={total}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const dir = h.column.getIsSorted();
                const id = h.column.id as PoolSortColumn;
                return (
                  <th
                    key={h.id}
                    style={{ width: COLUMN_WIDTHS[id] }}
                    className={(h.column.columnDef.meta as { align?: string } | undefined)?.align === 'right' ? 'num' : undefined}
                    aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                  >
                    <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()} data-column={id} title={t('pool.sortHint')}>
                      <table.FlexRender header={h} />
                      <span className="sort-mark">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = byIndex.get(item.index);
            return (
              <tr key={item.key} data-index={item.index} style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }} className={row?.original.status === 'removed' ? 'is-removed' : undefined}>
                {row ? (
                  row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      style={{ width: COLUMN_WIDTHS[cell.column.id as PoolSortColumn] }}
                      className={(cell.column.columnDef.meta as { align?: string } | undefined)?.align === 'right' ? 'num' : undefined}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))
                ) : (
                  <td className="loading-row" style={{ width }}>
                    {t('pool.loadingRow')}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {pages.total === 0 && <p className="empty">{t('pool.empty')}</p>}
    </div>
  );
}
