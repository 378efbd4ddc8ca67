// Shortlist (推荐名单) methods and the printable report (merged into the one contract in db/contract.ts).
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { AuditEntry } from './common';
import { EvaluationRow, Projection, VERDICTS } from './evaluation';

const year = z.number().int().min(1990).max(2100);
const text = safeText(TEXT_CAPS.line);
const verdict = z.enum(VERDICTS);

export const ENTRY_STATUSES = ['draft', 'recommended', 'withdrawn'] as const;
const entryStatus = z.enum(ENTRY_STATUSES);

export const ShortlistSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  poolYear: z.number().int(),
  setId: z.string(),
  dataYear: z.number().int().nullable(),
  fillingUnit: z.string().nullable(),
  entries: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ShortlistEntry = z.object({
  firmId: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  town: z.string().nullable(),
  mainProduct: z.string().nullable(),
  position: z.number().int(),
  note: z.string().nullable(),
  status: entryStatus,
  verdictAtAdd: verdict.nullable(),
  /** The verdict now, under the shortlist's set and data year. */
  verdictNow: verdict.nullable(),
  projection: Projection,
  addedBy: z.string(),
  addedAt: z.string(),
});
export const ShortlistDetail = ShortlistSummary.extend({
  entries: z.array(ShortlistEntry),
  history: z.array(AuditEntry),
});
/** A file for the user to keep: in browser mode downloaded, under Electron saved where the user chooses. */
export const ExportFile = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
  /** Set by the desktop shell once it has saved the file where the user chose (the bytes are then not sent on). */
  savedTo: z.string().nullable().default(null),
});

export const shortlistMethods = {
  'shortlist.list': {
    input: z.object({ year: year.optional() }),
    output: z.array(ShortlistSummary),
  },
  'shortlist.propose': {
    input: z.object({ year, setId: text, dataYear: year.optional(), limit: z.number().int().min(1).max(500).default(20) }),
    output: z.array(EvaluationRow),
  },
  'shortlist.create': {
    input: z.object({
      name: safeText(TEXT_CAPS.name).trim().min(1),
      year,
      setId: text,
      dataYear: year.optional(),
      fillingUnit: safeText(TEXT_CAPS.name).optional(),
      /** The firms to start with, in order (e.g. the proposal the analyst accepted). */
      firmIds: z.array(z.number().int()).max(1000).default([]),
    }),
    output: ShortlistDetail,
  },
  'shortlist.get': { input: z.object({ id: z.number().int() }), output: ShortlistDetail },
  'shortlist.update': {
    input: z.object({ id: z.number().int(), name: safeText(TEXT_CAPS.name).trim().min(1).optional(), fillingUnit: safeText(TEXT_CAPS.name).nullable().optional() }),
    output: ShortlistDetail,
  },
  'shortlist.addFirm': { input: z.object({ id: z.number().int(), firmId: z.number().int(), note: safeText(TEXT_CAPS.note, { multiline: true }).optional() }), output: ShortlistDetail },
  'shortlist.removeFirm': { input: z.object({ id: z.number().int(), firmId: z.number().int() }), output: ShortlistDetail },
  'shortlist.move': { input: z.object({ id: z.number().int(), firmId: z.number().int(), position: z.number().int().min(1) }), output: ShortlistDetail },
  'shortlist.annotate': {
    input: z.object({ id: z.number().int(), firmId: z.number().int(), note: safeText(TEXT_CAPS.note, { multiline: true }).nullable().optional(), status: entryStatus.optional() }),
    output: ShortlistDetail,
  },
  'shortlist.delete': { input: z.object({ id: z.number().int() }), output: z.object({ deleted: z.number().int() }) },
  'shortlist.export': {
    /** 推荐 entries only, unless the analyst asks for drafts too (then with a 状态 column). */
    input: z.object({ id: z.number().int(), format: z.enum(['xlsx', 'csv']), includeDrafts: z.boolean().default(false) }),
    output: ExportFile,
  },
  'shortlist.exportProposal': {
    /** The proposal as a file, without saving a shortlist (the CLI's `shortlist` without --name). */
    input: z.object({ year, setId: text, dataYear: year.optional(), fillingUnit: safeText(TEXT_CAPS.name).optional(), limit: z.number().int().min(1).max(500).default(20), format: z.enum(['xlsx', 'csv']) }),
    output: ExportFile,
  },
  'report.pdf': {
    /** The printable report of a shortlist as PDF. Only the desktop shell can print; elsewhere the page prints itself. */
    input: z.object({ shortlistId: z.number().int() }),
    output: ExportFile,
  },
} as const;
