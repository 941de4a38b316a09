import type { ReportColumn, ReportResult } from '@relate/common';
import { Alert, Button, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type GroupValue, type ReportRow, combined, pickOf, valuesOf } from '@relate/common/report-chart';

/**
 * The first measure by two groupings: the first down the side, the second across, with a total for
 * each line and each column. Totals are made of the rows shown (counts and sums added, the least of
 * minimums, the largest of maximums; averages and distinct counts have none). A click on a figure
 * hands `onPick` its row, or the groupings it sums.
 */
export function PivotTable({
  result,
  title,
  text,
  onPick,
}: {
  result: ReportResult;
  title: (column: ReportColumn) => string;
  text: (column: ReportColumn, row: ReportRow) => string;
  onPick?: (row: ReportRow) => void;
}) {
  const { t } = useTranslation();
  const [first, second] = result.columns.filter((c) => c.kind === 'group');
  const measure = result.columns.find((c) => c.kind === 'measure');
  if (!first || !second || !measure)
    return <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('reports.needsTwoGroupings')} />;

  const down = valuesOf(result.rows, first, (row) => text(first, row));
  const across = valuesOf(result.rows, second, (row) => text(second, row));
  const inColumn = (rows: ReportRow[], column: GroupValue) =>
    rows.filter((row) => JSON.stringify(row[second.key] ?? null) === column.id);
  const written = (rows: ReportRow[]) => {
    if (rows.length === 1) return text(measure, rows[0]);
    const value = combined(rows, measure);
    return value === null ? '-' : text(measure, { [measure.key]: value });
  };
  /** A figure as the table writes it, a link to what it counts when something listens. */
  const figure = (rows: ReportRow[], groups: ReportColumn[]): ReactNode => {
    const pick = pickOf(rows, groups);
    if (!rows.length) return null;
    if (!onPick || !pick) return written(rows);
    return (
      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onPick(pick)}>
        {written(rows)}
      </Button>
    );
  };

  return (
    <Table<GroupValue>
      size="small"
      bordered
      rowKey="id"
      dataSource={down}
      pagination={down.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      footer={
        result.truncated
          ? () => <Typography.Text type="secondary">{t('reports.pivotTotalsShown')}</Typography.Text>
          : undefined
      }
      columns={[
        {
          key: 'group',
          title: `${title(first)} \\ ${title(second)}`,
          fixed: 'left',
          render: (_, line) => line.label,
        },
        ...across.map((column) => ({
          key: column.id,
          title: column.label,
          align: 'right' as const,
          render: (_: unknown, line: GroupValue) => figure(inColumn(line.rows, column), [first, second]),
        })),
        {
          key: 'total',
          title: t('reports.total'),
          align: 'right',
          render: (_, line) => <Typography.Text strong>{figure(line.rows, [first])}</Typography.Text>,
        },
      ]}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('reports.total')}</Typography.Text>
            </Table.Summary.Cell>
            {across.map((column, i) => (
              <Table.Summary.Cell key={column.id} index={i + 1} align="right">
                <Typography.Text strong>{written(inColumn(result.rows, column))}</Typography.Text>
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={across.length + 1} align="right">
              <Typography.Text strong data-testid="pivot-total">
                {written(result.rows)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
