// The firms an import would touch: new firms with what they bring, and existing firms with each changed value
// as old → new (firm details, titles added, and per year, with the file's row).
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../format';
import { columnLabel } from './columns';
import { valueText } from './values';
import type { ImportReport } from './useImport';

type Firm = ImportReport['firms'][number];

function Titles({ titles }: { titles: Firm['titles'] }) {
  const { t } = useTranslation();
  return (
    <>
      {titles.map((x) => {
        const title = t(`titles.${x.code}`, { defaultValue: x.code });
        return <span key={x.code} className="chip">{x.year != null ? t('refresh.preview.titleYear', { title, year: x.year }) : title}</span>;
      })}
    </>
  );
}

/** A data year the import adds, collapsed: its count of values, and each value when opened. */
function NewYear({ y, row }: { y: Firm['years'][number]; row?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <details className="rf-year-values" data-testid="rf-new-year">
      <summary>
        {t('refresh.preview.newYear', { year: y.year })} · {t('refresh.preview.values', { count: y.changes.length })}
        {row && <span className="muted"> · {t('refresh.preview.rowN', { row: y.row })}</span>}
      </summary>
      <ul className="plain">
        {y.changes.map((c) => (
          <li key={c.field}>
            {columnLabel(t, c.field)}：{valueText(c.field, c.new, lang, t)}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function NewFirms({ firms }: { firms: Firm[] }) {
  const { t } = useTranslation();
  return (
    <div className="rf-table-wrap">
      <table className="rf-table" data-testid="rf-new-firms">
        <thead>
          <tr>
            <th>{t('refresh.preview.firm')}</th>
            <th>{t('refresh.preview.code')}</th>
            <th>{t('refresh.preview.years')}</th>
          </tr>
        </thead>
        <tbody>
          {firms.map((f) => (
            <tr key={f.creditCode} data-firm={f.name}>
              <td>
                <strong>{f.name}</strong>
                {f.titles.length > 0 && (
                  <div className="chips">
                    <Titles titles={f.titles} />
                  </div>
                )}
              </td>
              <td className="firm-code">{f.creditCode}</td>
              <td>
                {f.years.map((y) => (
                  <NewYear key={y.year} y={y} row />
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChangedFirms({ firms }: { firms: Firm[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const pair = (field: string, old: Firm['firm'][number]['old'], value: Firm['firm'][number]['new']) => {
    return (
      <span className="rf-change">
        <span className="rf-old">{valueText(field, old, lang, t)}</span>
        <span aria-hidden="true"> → </span>
        <span className="rf-new">{valueText(field, value, lang, t)}</span>
      </span>
    );
  };
  return (
    <div className="rf-table-wrap">
      <table className="rf-table rf-changes" data-testid="rf-changed-firms">
        <thead>
          <tr>
            <th>{t('refresh.preview.firm')}</th>
            <th>{t('refresh.preview.year')}</th>
            <th>{t('refresh.preview.item')}</th>
            <th>{t('refresh.preview.change')}</th>
          </tr>
        </thead>
        {firms.map((f) => {
          const rows = [
            ...f.firm.map((c) => ({ key: `firm-${c.field}`, when: t('refresh.preview.profile'), item: columnLabel(t, c.field), change: pair(c.field, c.old, c.new) })),
            ...(f.titles.length ? [{ key: 'titles', when: t('refresh.preview.profile'), item: t('refresh.preview.titlesAdded'), change: <Titles titles={f.titles} /> }] : []),
            // A new data year is one row, collapsed, with every value it writes.
            ...f.years
              .filter((y) => !y.exists)
              .map((y) => ({
                key: `${y.year}-new`,
                when: t('refresh.preview.rowN', { row: y.row }),
                item: t('refresh.preview.years'),
                change: <NewYear y={y} />,
              })),
            ...f.years.filter((y) => y.exists).flatMap((y) =>
              y.changes.map((c) => ({
                key: `${y.year}-${c.field}`,
                when: t('refresh.preview.yearRow', { year: y.year, row: y.row }),
                item: columnLabel(t, c.field),
                change: pair(c.field, c.old, c.new),
              })),
            ),
          ];
          return (
            <tbody key={f.creditCode} data-firm={f.name}>
              {rows.map((r, i) => (
                <tr key={r.key} data-field={r.key}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={rows.length} className="rf-firm-cell">
                      <strong>{f.name}</strong>
                      <span className="firm-code">{f.creditCode}</span>
                    </th>
                  )}
                  <td className="rf-when">{r.when}</td>
                  <td>{r.item}</td>
                  <td>{r.change}</td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
