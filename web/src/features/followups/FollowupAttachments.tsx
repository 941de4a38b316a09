import { PaperClipOutlined } from '@ant-design/icons';
import type { Attachment } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { Button, List, Popover, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../../app/api';

/** The files of a follow-up behind a paper-clip: fetched when first opened. */
export function FollowupAttachments({ followupId, count }: { followupId: number; count: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { data, isLoading } = useQuery({
    queryKey: ['followups', followupId, 'attachments'],
    queryFn: () => api.get<Attachment[]>(`/api/v1/followups/${followupId}/attachments`),
    enabled: open,
  });
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        isLoading ? (
          <Spin size="small" />
        ) : (
          <List
            size="small"
            dataSource={data ?? []}
            renderItem={(file) => (
              <List.Item>
                <Button type="link" size="small" onClick={() => download(`/api/v1/attachments/${file.id}/download`)}>
                  {file.fileName}
                </Button>
              </List.Item>
            )}
          />
        )
      }
    >
      <Button type="link" size="small" icon={<PaperClipOutlined />} aria-label={t('followups.attachments')}>
        {count}
      </Button>
    </Popover>
  );
}
