import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Popconfirm, Upload } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../app/api';
import { type AttachmentHolder, downloadAttachment } from './api';
import { useAttachments, useDeleteAttachment, useUploadAttachment } from './queries';

/** The files of a record (a customer, a contract…): listed, downloaded, and added or removed by those who may edit it. */
export function AttachmentList({ entity, id, editable }: { entity: AttachmentHolder; id: number; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useAttachments(entity, id);
  const upload = useUploadAttachment(entity, id);
  const remove = useDeleteAttachment(entity);
  return (
    <>
      {editable && (
        <Upload
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            try {
              await upload.mutateAsync(file as File);
              onSuccess?.({});
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
                onClick={() => downloadAttachment(item.id)}
                aria-label={t('common.download')}
              />,
              editable && (
                <Popconfirm key="r" title={t('common.deleteConfirm')} onConfirm={() => remove.mutateAsync(item.id)}>
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
