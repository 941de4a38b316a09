import type { ReportColumn, ReportResult } from '@relate/common';
import { Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportRow } from '@relate/common/report-chart';

/** The figures, one row per group, with the totals over every matching record at the foot. */
export function ResultTable({
  result,
  title,
  text,
  onPick,
  pageSize = 50,
}: {
  result: ReportResult;
  title: (column: ReportColumn) => string;
  text: (column: ReportColumn, row: ReportRow) => string;
  /** A click on a row asks for the records behind it. */
  onPick?: (row: ReportRow) => void;
  pageSize?: number;
}) {
  const { t } = useTranslation();
  const grouped = result.columns.some((c) => c.kind === 'group');
  return (
    <Table
      size="small"
      rowKey={(_, i) => String(i)}
      dataSource={result.rows}
      onRow={(row) =>
        onPick && grouped
          ? { onClick: () => onPick(row), style: { cursor: 'pointer' }, title: t('reports.clickForRecords') }
          : {}
      }
      pagination={result.rows.length > pageSize ? { pageSize, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('reports.empty')} /> }}
      columns={result.columns.map((column) => ({
        key: column.key,
        title: title(column),
        align: column.kind === 'group' ? 'left' : 'right',
        render: (_: unknown, row: ReportRow) => text(column, row),
      }))}
      summary={() => <TotalsRow result={result} text={text} testIds />}
    />
  );
}

/** The totals over every matching record, at a table's foot: "Total" under the first grouping. */
export function TotalsRow({
  result,
  text,
  testIds = false,
}: {
  result: ReportResult;
  text: (column: ReportColumn, row: ReportRow) => string;
  /** `total-<key>` on each figure, for the browser flows. */
  testIds?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table.Summary fixed>
      <Table.Summary.Row>
        {result.columns.map((column, i) => (
          <Table.Summary.Cell key={column.key} index={i} align={column.kind === 'group' ? 'left' : 'right'}>
            <Typography.Text
              strong
              data-testid={testIds && column.kind !== 'group' ? `total-${column.key}` : undefined}
            >
              {column.kind === 'group' ? (i === 0 ? t('reports.total') : '') : text(column, result.totals)}
            </Typography.Text>
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );
}
