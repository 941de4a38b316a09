import { Space, Tag } from 'antd';
import type { ReactNode } from 'react';

/** A record's name in a list, marked when it is switched off; `children` are further tags shown before that mark. */
export function ActiveName(props: { name: ReactNode; active: boolean; inactiveLabel: string; children?: ReactNode }) {
  return (
    <Space>
      {props.name}
      {props.children}
      {!props.active && <Tag>{props.inactiveLabel}</Tag>}
    </Space>
  );
}
