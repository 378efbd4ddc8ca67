import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { chartPng, download, type Frame, type LegendItem } from './exportPng';

/** The width the chart may use: its box's width, followed as the window resizes (charts have fixed sizes). */
export function useWidth(fallback = 960): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = el.clientWidth;
      if (w > 0) setWidth((old) => (Math.abs(old - w) > 2 ? w : old));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="bm-legend">
      {items.map((item) => (
        <li key={item.label}>
          <span className={`bm-swatch${item.hatched ? ' is-hatched' : ''}${item.line ? ' is-line' : ''}`} style={{ '--c': item.colour } as CSSProperties} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

interface Props {
  chart: string;
  frame: Frame;
  /** The PNG's name: 对标分析-营业收入.png. */
  file: string;
  controls?: ReactNode;
  children: ReactNode;
  figureRef: RefObject<HTMLDivElement | null>;
}

/** One chart with its title, choices, legend, notes and the PNG export of exactly what is shown. */
export function ChartCard({ chart, frame, file, controls, children, figureRef }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const exportPng = async () => {
    const svg = figureRef.current?.querySelector<SVGSVGElement>('svg[data-export], svg.recharts-surface');
    if (!svg) return;
    setBusy(true);
    setError(null);
    try {
      download(await chartPng(svg, frame), file);
    } catch (e) {
      setError(t('benchmark.exportFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card bm-card" data-chart={chart} aria-labelledby={`bm-h-${chart}`}>
      <div className="card-head">
        <h2 id={`bm-h-${chart}`}>{frame.title}</h2>
        <div className="actions">
          {controls}
          <button type="button" onClick={() => void exportPng()} disabled={busy} data-testid={`export-${chart}`}>
            {busy ? t('benchmark.exporting') : t('benchmark.exportPng')}
          </button>
        </div>
      </div>
      {frame.subtitle && <p className="bm-subtitle">{frame.subtitle}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {children}
      {frame.legend && frame.legend.length > 0 && <Legend items={frame.legend} />}
      {frame.notes?.map((n) => (
        <p key={n} className="bm-note">
          {n}
        </p>
      ))}
    </section>
  );
}
