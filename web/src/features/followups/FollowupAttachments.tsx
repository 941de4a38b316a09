import { PaperClipOutlined } from '@ant-design/icons';
import { Button, List, Popover, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followupsApi } from './api';
import { useFollowupAttachments } from './queries';

/** The files of a follow-up behind a paper-clip: fetched when first opened. */
export function FollowupAttachments({ followupId, count }: { followupId: number; count: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { data, isLoading } = useFollowupAttachments(followupId, open);
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
                <Button type="link" size="small" onClick={() => followupsApi.downloadAttachment(file.id)}>
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
