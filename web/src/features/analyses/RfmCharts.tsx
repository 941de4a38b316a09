import { type RfmClass, type RfmSummary, type ReportColumn, type ReportResult, rfmClasses } from '@relate/common';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ReportChart } from '../reports/ReportChart';
import type { ReportRow } from '@relate/common/report-chart';

const column = (key: string, kind: 'group' | 'measure'): ReportColumn => ({
  key,
  kind,
  field: kind === 'group' ? key : null,
  type: kind === 'group' ? 'text' : 'number',
  aggregate: kind === 'measure' ? 'count' : null,
  unit: null,
  dictionary: null,
});
const classColumn = column('class', 'group');
const runColumn = column('run', 'group');
const customersColumn = column('customers', 'measure');

/** The words of the charts' columns and cells: class names, run times and counts in the reader's locale. */
function useChartWords() {
  const { t } = useTranslation();
  const { locale } = useSession();
  const count = new Intl.NumberFormat(locale);
  const title = (c: ReportColumn) => t(`customerValue.columns.${c.key}`);
  const text = (c: ReportColumn, row: ReportRow) => {
    const value = row[c.key];
    if (c.key === 'class') return t(`customerValue.classes.${String(value)}`);
    if (c.key === 'run') return dayjs(String(value)).format('MM-DD HH:mm');
    return value === null || value === undefined ? '-' : count.format(Number(value));
  };
  return { title, text };
}

/** The customers of each class as bars, the classes in their fixed order; a bar opens its customers. */
export function ClassesChart({ summary, onPick }: { summary: RfmSummary; onPick: (name: RfmClass) => void }) {
  const words = useChartWords();
  const result: ReportResult = {
    columns: [classColumn, customersColumn],
    rows: summary.classes.map((c) => ({ class: c.class, customers: c.customers })),
    totals: { customers: summary.classes.reduce((sum, c) => sum + c.customers, 0) },
    truncated: false,
    currency: null,
  };
  return <ReportChart result={result} kind="bar" {...words} onPick={(row) => onPick(row.class as RfmClass)} />;
}

/** The customers of each class run by run, stacked: how the classes changed. */
export function HistoryChart({ history }: { history: RfmSummary['history'] }) {
  const words = useChartWords();
  const result: ReportResult = {
    columns: [runColumn, classColumn, customersColumn],
    rows: history.flatMap((run) =>
      rfmClasses.map((name) => ({ run: run.computedAt, class: name, customers: run.counts[name] ?? 0 })),
    ),
    totals: {},
    truncated: false,
    currency: null,
  };
  return <ReportChart result={result} kind="area" {...words} />;
}
