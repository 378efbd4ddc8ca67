// Step 3: each column of the file and the template item it maps to. Columns the service did not recognise,
// and those mapped by hand, come first; the ones recognised by themselves are folded away below. Any column
// can be mapped by hand (re-analysed at once, remembered for this header row).
import { useTranslation } from 'react-i18next';
import { columnLabel, FIGURE_COLUMNS, FIRM_COLUMNS } from './columns';
import type { ImportReport, ImportState } from './useImport';

type Column = ImportReport['columns'][number];

function MappingList({ columns, im, manual }: { columns: Column[]; im: ImportState; manual: (header: string) => boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="rf-mapping">
      {columns.map((c) => (
        <li key={c.index} data-header={c.header} className={c.key === null ? (manual(c.header) ? 'is-ignored' : 'is-unrecognised') : undefined}>
          <span className="rf-header-text" title={c.header}>
            {c.header}
            {manual(c.header) && <span className="rf-tag">{t('refresh.mapping.manual')}</span>}
            {c.unit && <span className="rf-unit">{t('refresh.mapping.unitIs', { unit: c.unit })}</span>}
          </span>
          <select
            value={c.key ?? ''}
            aria-label={t('refresh.mapping.columnOf', { header: c.header })}
            onChange={(e) => im.mapColumn(c.header, e.target.value || null)}
            disabled={im.analysing}
          >
            <option value="">{t('refresh.mapping.ignored')}</option>
            <optgroup label={t('refresh.mapping.groupFirm')}>
              {FIRM_COLUMNS.map((k) => (
                <option key={k} value={k}>
                  {columnLabel(t, k)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('refresh.mapping.groupFigures')}>
              {FIGURE_COLUMNS.map((k) => (
                <option key={k} value={k}>
                  {columnLabel(t, k)}
                </option>
              ))}
            </optgroup>
          </select>
        </li>
      ))}
    </ul>
  );
}

export function MappingStep({ im }: { im: ImportState }) {
  const { t } = useTranslation();
  const a = im.analysis!;
  const columns = a.report.columns.filter((c) => c.header !== '');
  if (!columns.length) return <p className="rf-warn">{t('refresh.mapping.noHeader')}</p>;
  const manual = (header: string) => Object.prototype.hasOwnProperty.call(a.mapping, header);
  const unrecognised = columns.filter((c) => c.key === null && !manual(c.header));
  const attention = columns.filter((c) => manual(c.header) || (c.key === null && !manual(c.header)));
  const automatic = columns.filter((c) => !attention.includes(c));

  return (
    <div data-testid="rf-mapping">
      <p className="hint muted">{t('refresh.mapping.hint')}</p>
      {unrecognised.length > 0 ? (
        <p className="rf-warn" role="status" data-testid="rf-unrecognised">
          {t('refresh.mapping.unrecognised', { count: unrecognised.length, headers: unrecognised.map((c) => `“${c.header}”`).join('、') })}
        </p>
      ) : (
        <p className="status-line">{t('refresh.mapping.allMapped', { count: columns.filter((c) => c.key !== null).length })}</p>
      )}
      {a.remembered && (
        <p className="rf-note" data-testid="rf-remembered">
          {t('refresh.mapping.remembered', { count: Object.keys(a.mapping).length })}
        </p>
      )}
      {attention.length > 0 && <MappingList columns={attention} im={im} manual={manual} />}
      {automatic.length > 0 && (
        <details className="rf-automatic">
          <summary>{t('refresh.mapping.automatic', { count: automatic.length })}</summary>
          <MappingList columns={automatic} im={im} manual={manual} />
        </details>
      )}
      {attention.some((c) => manual(c.header)) && (
        <button type="button" className="link-button" onClick={im.resetMapping} disabled={im.analysing} data-testid="rf-mapping-reset">
          {t('refresh.mapping.reset')}
        </button>
      )}
    </div>
  );
}
