import { CloudDownloadOutlined, DownloadOutlined } from '@ant-design/icons';
import type { Backup } from '@relate/common';
import { App, Button, Card, Form, InputNumber, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../app/api';
import { useErrorReporter, useRequired } from '../../../components/forms';
import { useSettings } from '../queries';
import { backupsApi } from './api';
import { useBackups, useDownloadNewBackup, useKeepBackups } from './queries';

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Backups for administrators: download one made now, see the ones kept on the server, and how many to keep. */
export function BackupCard() {
  const { t } = useTranslation();
  const required = useRequired();
  const { message } = App.useApp();
  const backups = useBackups();
  const downloadNew = useDownloadNewBackup();
  const keep = useKeepBackups();
  const settings = useSettings();
  const [form] = Form.useForm<{ backupsKept: number }>();
  const reportError = useErrorReporter(form);
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ backupsKept: settings.data.backupsKept });
  }, [settings.data, form]);

  const madeBy = (backup: Backup) => {
    if (!backup.madeBy) return <Typography.Text type="warning">{t('settings.backup.unreadable')}</Typography.Text>;
    if (backup.madeBy.kind === 'schedule') return t('settings.backup.bySchedule');
    if (backup.madeBy.kind === 'cli') return t('settings.backup.byCommand');
    return backup.madeBy.username;
  };

  return (
    <Card
      title={t('settings.backup.title')}
      extra={
        <Button
          type="primary"
          icon={<CloudDownloadOutlined />}
          loading={downloadNew.isPending}
          data-testid="backup-download"
          onClick={() =>
            downloadNew.mutate(undefined, {
              onSuccess: () => void message.success(t('settings.backup.made')),
              onError: (error) => void message.error((error as ApiError).message),
            })
          }
        >
          {t('settings.backup.downloadNow')}
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('settings.backup.hint')}</Typography.Text>
        <Form
          form={form}
          layout="inline"
          onFinish={({ backupsKept }) =>
            keep.mutate(backupsKept, {
              onSuccess: () => void message.success(t('common.saved')),
              onError: reportError,
            })
          }
        >
          <Form.Item
            name="backupsKept"
            label={t('settings.backup.kept')}
            extra={t('settings.backup.keptHint')}
            rules={required.value}
          >
            <InputNumber min={1} max={365} precision={0} data-testid="backups-kept" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={keep.isPending}>
              {t('common.save')}
            </Button>
          </Form.Item>
        </Form>
        <div data-testid="backup-list">
          <Table<Backup>
            rowKey="name"
            size="small"
            loading={backups.isLoading}
            dataSource={backups.data ?? []}
            pagination={false}
            locale={{ emptyText: t('settings.backup.empty') }}
            columns={[
              {
                title: t('settings.backup.time'),
                dataIndex: 'createdAt',
                render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
              },
              { title: t('settings.backup.size'), dataIndex: 'size', render: (v: number) => formatSize(v) },
              { title: t('settings.backup.madeBy'), key: 'madeBy', render: (_, backup) => madeBy(backup) },
              {
                title: '',
                key: 'download',
                render: (_, backup) => (
                  <Button
                    type="link"
                    size="small"
                    icon={<DownloadOutlined />}
                    onClick={() => backupsApi.download(backup.name)}
                  >
                    {t('settings.backup.download')}
                  </Button>
                ),
              },
            ]}
          />
        </div>
      </Space>
    </Card>
  );
}
