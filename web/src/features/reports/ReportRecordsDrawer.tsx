import { fromMinorUnits, type ReportDefinitionInput, type ReportRecordsPage } from '@relate/common';
import { Drawer, Empty, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { useReportRecords, useReportSources } from './queries';
import { useFieldLabel } from './report-labels';

/** One figure a user clicked: the report, the values of its groupings in that row, and how the figure reads. */
export type PickedFigure = {
  definition: ReportDefinitionInput;
  match: Record<string, string | number | null>;
  caption: string;
};

const pageSize = 20;

/**
 * The records behind a figure of a report (a row, a bar, a cell, a slice, a province), newest first,
 * each opening on its own page (or its customer's, order's or ticket's). The server counts them within
 * the user's scope, so they add up to the figure.
 */
export function ReportRecordsDrawer({ figure, onClose }: { figure: PickedFigure | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState(figure);
  // A new figure starts at its first page.
  if (figure !== shown) {
    setShown(figure);
    setPage(1);
  }
  const records = useReportRecords(
    figure ? { definition: figure.definition, match: figure.match, page, pageSize } : null,
  );
  const measured = records.data?.measured ?? null;
  const valueText = useValueText(measured);
  const sources = useReportSources();
  const source = figure?.definition.source ?? 'customers';
  const fieldLabel = useFieldLabel(source, sources.data?.find((s) => s.source === source)?.fields);
  return (
    <Drawer
      open={figure !== null}
      onClose={onClose}
      width={560}
      title={t('reports.records.title')}
      extra={
        figure && (
          <Typography.Text type="secondary">
            {[figure.caption, records.data && t('reports.records.count', { count: records.data.total })]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        )
      }
      destroyOnHidden
    >
      <Table
        size="small"
        rowKey="id"
        loading={records.isFetching}
        dataSource={records.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('reports.records.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: records.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          {
            key: 'title',
            title: t('reports.records.record'),
            render: (_, item) =>
              item.url ? <Link to={item.url}>{item.title ?? `#${item.id}`}</Link> : (item.title ?? `#${item.id}`),
          },
          { key: 'detail', title: t('reports.records.detail'), render: (_, item) => item.detail ?? '' },
          ...(measured
            ? [
                {
                  key: 'value',
                  title: fieldLabel(measured.field),
                  align: 'right' as const,
                  render: (_: unknown, item: ReportRecordsPage['items'][number]) => valueText(item.value),
                },
              ]
            : []),
        ]}
        summary={() =>
          measured && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Typography.Text strong>
                  {t('insight.recordsTotal', { field: fieldLabel(measured.field), count: records.data?.total ?? 0 })}
                </Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Typography.Text strong data-testid="records-sum">
                  {valueText(measured.sum)}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </Drawer>
  );
}

/** How a record's value of the measured field reads: money in its currency, else a number. */
function useValueText(measured: ReportRecordsPage['measured']) {
  const money = useMoney();
  const { locale } = useSession();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  return (value: number | null) => {
    if (value === null) return '-';
    if (measured?.type === 'money') return money(fromMinorUnits(value), measured.currency ?? undefined);
    return number.format(value);
  };
}
