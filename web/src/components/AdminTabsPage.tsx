import { Space, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { usePageTitle } from './usePageTitle';

export type AdminTab = { key: string; label: ReactNode; children: ReactNode };

/**
 * An administration page made of parts: its title (the browser tab's too) and one tab per part, the open
 * one kept in the address (`?tab=`) so a link or a reload comes back to it.
 */
export function AdminTabsPage({ title, tabs }: { title: string; tabs: AdminTab[] }) {
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const active = tabs.some((tab) => tab.key === asked) ? asked! : tabs[0]?.key;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Tabs activeKey={active} onChange={(tab) => setParams({ tab }, { replace: true })} items={tabs} destroyOnHidden />
    </Space>
  );
}
