import { DeleteOutlined, FolderOpenOutlined, MailOutlined, SaveOutlined } from '@ant-design/icons';
import type { SavedReport } from '@relate/common';
import { App, Button, Empty, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ReportScheduleDialog } from './ReportScheduleDialog';
import { useDeleteReport, useSavedReports } from './queries';

/**
 * The builder's saved reports: open one (by its id), the library, and for one's own report on screen its
 * email schedule and deletion; save what is on screen.
 */
export function SavedReportBar({
  opened,
  canSave,
  onPick,
  onDeleted,
  onSave,
}: {
  opened: SavedReport | undefined;
  canSave: boolean;
  onPick: (id: number) => void;
  onDeleted: () => void;
  onSave: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const saved = useSavedReports();
  const deleteReport = useDeleteReport();
  const [scheduling, setScheduling] = useState(false);
  const remove = async (report: SavedReport) => {
    try {
      await deleteReport.mutateAsync(report.id);
      onDeleted();
      message.success(t('common.deleted'));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Space wrap>
      <Select
        aria-label={t('reports.openSaved')}
        placeholder={t('reports.openSaved')}
        style={{ width: 240 }}
        value={opened?.id}
        loading={saved.isLoading}
        notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noSaved')} />}
        onChange={(id: number) => onPick(id)}
        options={(saved.data ?? []).map((r) => ({
          value: r.id,
          label: `${r.folder ? `${r.folder} / ` : ''}${r.name}${r.mine ? '' : ` · ${r.ownerName ?? ''}`}`,
        }))}
      />
      <Button icon={<FolderOpenOutlined />} onClick={() => navigate('/reports/saved')}>
        {t('nav.savedReports')}
      </Button>
      {opened?.mine && (
        <Button icon={<MailOutlined />} onClick={() => setScheduling(true)}>
          {t('reports.schedule.title')}
        </Button>
      )}
      {opened?.mine && (
        <Popconfirm
          title={t('reports.deleteConfirm', { name: opened.name })}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove(opened)}
        >
          <Button danger icon={<DeleteOutlined />}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
      <Button icon={<SaveOutlined />} disabled={!canSave} onClick={onSave}>
        {t('reports.save')}
      </Button>
      {scheduling && opened && <ReportScheduleDialog report={opened} onClose={() => setScheduling(false)} />}
    </Space>
  );
}
