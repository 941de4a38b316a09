import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The top of a record's page: its name, a line of tags and links under it, and its actions on the right. */
export function RecordHeader(props: { title: ReactNode; tags: ReactNode; actions: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
      <Space direction="vertical" size={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        <Space wrap>{props.tags}</Space>
      </Space>
      <Space wrap>{props.actions}</Space>
    </div>
  );
}
