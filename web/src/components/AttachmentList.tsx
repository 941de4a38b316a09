import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Popconfirm, Upload } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, ApiError, download } from '../app/api';

type Attachment = { id: number; fileName: string; size: number; createdAt: string };

/** The files of a record (a customer, a contract…): listed, downloaded, and added or removed by those who may edit it. */
export function AttachmentList({
  entity,
  id,
  editable,
}: {
  entity: 'customers' | 'contracts' | 'tickets' | 'work-orders' | 'kb/articles';
  id: number;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: [entity, id, 'attachments'],
    queryFn: () => api.get<Attachment[]>(`/api/v1/${entity}/${id}/attachments`),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [entity, id, 'attachments'] });
  return (
    <>
      {editable && (
        <Upload
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            const form = new FormData();
            form.append('file', file as File);
            try {
              await api.post(`/api/v1/${entity}/${id}/attachments`, form);
              onSuccess?.({});
              refresh();
            } catch (error) {
              message.error((error as ApiError).message);
              onError?.(error as Error);
            }
          }}
        >
          <Button icon={<UploadOutlined />}>{t('customers.upload')}</Button>
        </Upload>
      )}
      <List
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('customers.noAttachments') }}
        renderItem={(item) => (
          <List.Item
            actions={[
              <Button
                key="d"
                type="link"
                icon={<DownloadOutlined />}
                onClick={() => download(`/api/v1/attachments/${item.id}/download`)}
                aria-label={t('common.download')}
              />,
              editable && (
                <Popconfirm
                  key="r"
                  title={t('common.deleteConfirm')}
                  onConfirm={() => api.delete(`/api/v1/attachments/${item.id}`).then(refresh)}
                >
                  <Button type="link" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              ),
            ]}
          >
            <List.Item.Meta
              title={item.fileName}
              description={`${(item.size / 1024).toFixed(1)} KB · ${dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}`}
            />
          </List.Item>
        )}
      />
    </>
  );
}
