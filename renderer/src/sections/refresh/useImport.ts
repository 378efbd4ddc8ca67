// The import's state on the page: the chosen file (handed over once, by path or upload), the analyst's choices (sheet,
// encoding, column mapping), the service's analysis of them, and the apply. The analysis reruns whenever a
// choice, the pool year or the criteria set changes; a stale answer never replaces a newer one.
import { useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../../db/contract';
import { call, sendFile, type FileRef } from '../../api';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { MAX_FILE_BYTES, megabytes } from './fileBytes';
import { rememberedMapping, rememberMapping, type Mapping } from './mappingMemory';

export type ImportReport = MethodOutput<'import.analyse'>;
export type ImportApplied = MethodOutput<'import.apply'>;
export type Encoding = 'utf8' | 'gbk';

export interface ChosenFile {
  name: string;
  size: number;
  /** How the service finds the file's bytes: sent once, named again by every analyse and the apply. */
  ref: FileRef;
}

interface Choices {
  sheet: string | null;
  encoding: Encoding | null;
  mapping: Mapping;
  /** The analyst's answer to a unit question: template key → 元 / 万元. */
  units: Record<string, '元' | '万元'>;
  /** Look up the mapping remembered for the file's header row (a fresh file, sheet or encoding). */
  useMemory: boolean;
}

export interface Analysis {
  report: ImportReport;
  /** The mapping the report was made with (the analyst's, or the one remembered for this header row). */
  mapping: Mapping;
  remembered: boolean;
}

export type ReadError = { kind: 'tooLarge'; name: string; mb: number } | { kind: 'failed'; name: string; message: string };

const FRESH: Choices = { sheet: null, encoding: null, mapping: {}, units: {}, useMemory: true };

const headersOf = (r: ImportReport) => r.columns.map((c) => c.header);

export function useImport(ctx: SectionContext) {
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [reading, setReading] = useState<{ name: string; fraction: number } | null>(null);
  const [readError, setReadError] = useState<ReadError | null>(null);
  const [choices, setChoices] = useState<Choices>(FRESH);
  const [addToPool, setAddToPool] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(null);
  const [applied, setApplied] = useState<ImportApplied | null>(null);
  const [nonce, setNonce] = useState(0);

  const input = (file: ChosenFile, mapping: Mapping): MethodInput<'import.analyse'> => ({
    fileName: file.name,
    ...file.ref,
    ...(choices.sheet ? { sheet: choices.sheet } : {}),
    ...(choices.encoding ? { encoding: choices.encoding } : {}),
    ...(Object.keys(mapping).length ? { mapping } : {}),
    ...(Object.keys(choices.units).length ? { units: choices.units } : {}),
    setId: ctx.setId,
    poolYear: ctx.poolYear,
  });

  const analysis = useAsync(async (): Promise<Analysis | null> => {
    if (!chosen || applied) return null;
    const report = await call('import.analyse', input(chosen, choices.mapping));
    if (choices.useMemory && !Object.keys(choices.mapping).length && report.columns.length) {
      const memory = rememberedMapping(headersOf(report));
      if (memory) return { report: await call('import.analyse', input(chosen, memory)), mapping: memory, remembered: true };
    }
    return { report, mapping: choices.mapping, remembered: false };
  }, [chosen, choices, applied, ctx.setId, ctx.poolYear, nonce]);

  const current = analysis.data ?? null;

  const choose = async (file: File) => {
    setReadError(null);
    setApplyError(null);
    setApplied(null);
    if (file.size > MAX_FILE_BYTES) {
      setReadError({ kind: 'tooLarge', name: file.name, mb: megabytes(file.size) });
      return;
    }
    setReading({ name: file.name, fraction: 0 });
    try {
      const ref = await sendFile(file, (fraction) => setReading({ name: file.name, fraction }));
      setChoices(FRESH);
      setChosen({ name: file.name, size: file.size, ref });
    } catch (e) {
      setReadError({ kind: 'failed', name: file.name, message: e instanceof Error ? e.message : String(e) });
    } finally {
      setReading(null);
    }
  };

  /** One column's template key (null: do not import it); remembered for this header row. */
  const mapColumn = (header: string, key: string | null) => {
    if (!current) return;
    const mapping = { ...current.mapping, [header]: key };
    rememberMapping(headersOf(current.report), mapping);
    setChoices({ ...choices, mapping, useMemory: false });
  };

  /** Back to what the service recognises by itself; the remembered mapping of this header row is forgotten. */
  const resetMapping = () => {
    if (current) rememberMapping(headersOf(current.report), {});
    setChoices({ ...choices, mapping: {}, useMemory: false });
  };

  /** A money column's unit as the analyst answers the preview's question (null: ask again). */
  const setUnit = (key: string, unit: '元' | '万元' | null) => {
    const units = { ...choices.units };
    if (unit) units[key] = unit;
    else delete units[key];
    setChoices({ ...choices, units, useMemory: false });
  };

  const setSheet = (sheet: string | null) => setChoices({ ...FRESH, encoding: choices.encoding, sheet });
  const setEncoding = (encoding: Encoding | null) => setChoices({ ...FRESH, sheet: choices.sheet, encoding });

  const apply = async () => {
    if (!chosen || !current || current.report.refused) return;
    setApplying(true);
    setApplyError(null);
    try {
      const result = await call('import.apply', { ...input(chosen, current.mapping), addToPool });
      setApplied(result);
      ctx.onChanged();
    } catch (e) {
      setApplyError(e);
    } finally {
      setApplying(false);
    }
  };

  const reset = () => {
    setChosen(null);
    setChoices(FRESH);
    setApplied(null);
    setApplyError(null);
    setReadError(null);
    setAddToPool(false);
  };

  return {
    chosen,
    reading,
    readError,
    choices,
    analysis: current,
    analysing: !!chosen && !applied && analysis.loading,
    analyseError: chosen && !applied ? (analysis.error ?? null) : null,
    addToPool,
    setAddToPool,
    applying,
    applyError,
    applied,
    choose,
    mapColumn,
    resetMapping,
    setSheet,
    setEncoding,
    setUnit,
    reanalyse: () => setNonce((n) => n + 1),
    apply,
    reset,
  };
}

export type ImportState = ReturnType<typeof useImport>;
