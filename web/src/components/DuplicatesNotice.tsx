import { Alert } from 'antd';
import type { ReactNode } from 'react';

/** The warning a form shows above its fields while records like the one being typed already exist. */
export function DuplicatesNotice({ message, items }: { message: string; items: ReactNode[] }) {
  if (items.length === 0) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={message} description={items} />;
}
