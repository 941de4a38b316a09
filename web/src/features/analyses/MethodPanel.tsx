import { Collapse, Typography } from 'antd';
import type { ReactNode } from 'react';

/** An analysis's method, explained under a heading that folds: open while there are no figures yet. */
export function MethodPanel({
  open,
  title,
  testId,
  children,
}: {
  open: boolean;
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Collapse
      defaultActiveKey={open ? ['method'] : []}
      items={[{ key: 'method', label: title, children: <Typography data-testid={testId}>{children}</Typography> }]}
    />
  );
}
