import type { ReportDefinitionInput } from '@relate/common';
import { Drawer, Empty, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReportRecords } from './queries';

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
        ]}
      />
    </Drawer>
  );
}
