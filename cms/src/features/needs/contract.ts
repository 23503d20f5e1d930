/**
 * What the «Dati di bisogno» page and the home-page widgets of the admin (cms/src/admin/needs/) read from
 * routes.ts: the import's trial run and report, the undo, the partner's summary, the office's reporting.
 * The server writes its answers by these types and the admin bundle imports them (type-only) instead of
 * copying them, so the two cannot drift apart.
 *
 * Imported by the admin bundle too: nothing here may import server code (types of @coesione/model only).
 */
import type { NeedReporting } from '@coesione/model';

/** The admin path of the «Dati di bisogno» page (under /admin). */
export const NEEDS_PATH = 'dati-di-bisogno';

export interface RowError {
  /** The spreadsheet's row number (the header is row 1). */
  row: number;
  field: string;
  message: string;
}

export interface MonthPlan {
  month: string;
  /** Valid rows of the file for this month. */
  incoming: number;
  /** The organisation's records of this month now, which the import would replace. */
  existing: number;
}

/** `POST /coesione-needs/import/preview`, and the 409 of a stale confirmation (`{ error, preview }`). */
export interface ImportPreview {
  /** Data rows read. */
  total: number;
  valid: number;
  /** The first MAX_REPORTED_ERRORS problems (csv.ts), in row order. */
  errors: RowError[];
  errorCount: number;
  months: MonthPlan[];
  /** One line per month, in Italian: «2026-11: 5 schede nuove al posto delle 9 già presenti». */
  lines: string[];
  validOnly: boolean;
  /** Whether a confirmation of this preview would write anything. */
  canImport: boolean;
  /** What the confirmation must send back: a digest of the file, the choice and the counts shown. */
  plan: string;
  message: string;
}

export interface UndoInfo {
  months: string[];
  /** Records the import wrote (the undo removes them) and records it replaced (the undo puts them back). */
  imported: number;
  replaced: number;
  importedAt: string;
  until: string;
}

/** `POST /coesione-needs/import`. */
export interface ImportReport {
  /** Data rows read. */
  total: number;
  valid: number;
  stored: number;
  /** Records of the same months the import replaced. */
  replaced: number;
  months: string[];
  /** The first MAX_REPORTED_ERRORS problems; `errorCount` says how many there were. */
  errors: RowError[];
  errorCount: number;
  /** Whether the valid rows were stored despite errors (the partner's choice). */
  partial: boolean;
  message: string;
  /** Until when the partner can undo this import. */
  undo?: UndoInfo;
}

/** `POST /coesione-needs/import/undo`. */
export interface ImportUndone {
  months: string[];
  removed: number;
  restored: number;
  message: string;
}

/** `GET /coesione-needs/summary`: what a partner's page and widget show, its records per month and its last import. */
export interface PartnerSummary {
  organization: string;
  months: { month: string; count: number }[];
  lastImport: { at: string; count: number; detail: string } | null;
  undo: UndoInfo | null;
}

/** One body's reporting for a quarter: the office's view (the public sees counts only). */
export interface OrganizationReporting {
  organization: number;
  reported: boolean;
  onTime: boolean;
  months: { month: string; receivedOn: string | null; onTime: boolean }[];
}

/** `GET /coesione-needs/reporting`, one per quarter: the public counts, and each expected body by name. */
export interface OfficeReporting {
  quarter: string;
  summary: NeedReporting;
  organizations: (Omit<OrganizationReporting, 'organization'> & { name: string })[];
}
