/**
 * The content manager's lists show enumerations as their codes («in_attuazione», «in_revisione»): for the
 * pacts' stage and kind and the contributions' kind and state, the list shows the Italian names the site and
 * the edit view use (@coesione/model). A hook of the list view (Admin/CM/pages/ListView/inject-column-in-table)
 * gives those columns a cell of their own; every other column is Strapi's.
 */
import { Typography } from '@strapi/design-system';
import { KIND_LABELS, PACT_KIND_LABELS, PACT_STAGE_LABELS, STATE_LABELS } from '@coesione/model';

const LABELS: Record<string, Record<string, Record<string, string>>> = {
  'api::pact.pact': { stage: PACT_STAGE_LABELS, kind: PACT_KIND_LABELS },
  'api::submission.submission': { kind: KIND_LABELS, state: STATE_LABELS },
};
const FIELDS = new Set(Object.values(LABELS).flatMap((fields) => Object.keys(fields)));

interface Header {
  name: string;
  cellFormatter?: unknown;
}

export function listLabels<T extends { displayedHeaders: Header[] }>(args: T): T {
  return {
    ...args,
    displayedHeaders: args.displayedHeaders.map((header) =>
      FIELDS.has(header.name) && !header.cellFormatter
        ? {
            ...header,
            cellFormatter: (row: Record<string, unknown>, _header: unknown, meta: { model?: string }) => {
              const value = row[header.name];
              const label = typeof value === 'string' ? LABELS[meta.model ?? '']?.[header.name]?.[value] : undefined;
              return <Typography textColor="neutral800">{label ?? (value === null || value === undefined ? '-' : String(value))}</Typography>;
            },
          }
        : header,
    ),
  };
}
