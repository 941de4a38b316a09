import type { DashboardWidgetInput, ReportChart, ReportDefinitionInput } from '@relate/common';
import { Empty, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { useDashboards, useSaveDashboard } from '../dashboards/queries';

/** What the report builder hands a dashboard: the report (saved, or its definition), how it is shown, its title. */
export type WidgetOffer = {
  title: string;
  chart: ReportChart;
  reportId: number | null;
  definition: ReportDefinitionInput | null;
  /** The date field the dashboard's period applies to. */
  dateField: string | null;
};

/**
 * Adds the report on screen to one of the user's own dashboards, as a widget below the others: a saved
 * report stays linked (the widget shows it as it is changed), a report not saved is copied.
 */
export function AddToDashboardDialog({ dialog }: { dialog: SaveDialogState<WidgetOffer> }) {
  const { t } = useTranslation();
  const dashboards = useDashboards();
  const save = useSaveDashboard();
  const mine = (dashboards.data ?? []).filter((d) => d.mine);
  return (
    <SaveDialog<WidgetOffer, { dashboardId: number; title: string }>
      dialog={dialog}
      title={t('reports.addToDashboard')}
      toValues={(offer) => ({ title: offer.title, dashboardId: mine[0]?.id })}
      savedMessage={t('reports.addedToDashboard')}
      onSave={async (values, offer) => {
        const dashboard = mine.find((d) => d.id === values.dashboardId);
        if (!dashboard || !offer) return;
        const bottom = Math.max(0, ...dashboard.widgets.map((w) => w.layout.y + w.layout.h));
        const widget: DashboardWidgetInput = {
          key: `w${Date.now().toString(36)}`,
          title: values.title,
          chart: offer.chart,
          reportId: offer.reportId,
          definition: offer.reportId === null ? offer.definition : null,
          dateField: offer.dateField,
          layout: { x: 0, y: bottom, w: 6, h: 8 },
        };
        await save.mutateAsync({ id: dashboard.id, body: { widgets: [...dashboard.widgets, widget] } });
      }}
    >
      <Form.Item name="dashboardId" label={t('reports.dashboard')} rules={[{ required: true }]}>
        <Select
          loading={dashboards.isLoading}
          notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noOwnDashboards')} />}
          options={mine.map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('reports.widgetTitle')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
    </SaveDialog>
  );
}
