import type { BulkEditResult } from '@relate/common';
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The bar above a list with selected rows: how many are selected, a way to clear the selection, and
 * the list's bulk actions. Shows nothing while no row is selected.
 */
export function BulkBar({
  count,
  onClear,
  style,
  children,
}: {
  count: number;
  onClear: () => void;
  style?: CSSProperties;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <Card size="small" data-testid="bulk-bar" style={style} styles={{ body: { padding: '8px 12px' } }}>
      <Space wrap>
        <Typography.Text strong>{t('bulk.selected', { count })}</Typography.Text>
        <Button type="link" size="small" onClick={onClear} data-testid="bulk-clear">
          {t('bulk.clear')}
        </Button>
        {children}
      </Space>
    </Card>
  );
}

/** The bulk bar's delete: asks first (the records go to the recycle bin), then deletes the selection. */
export function BulkDeleteButton({ title, onConfirm }: { title: string; onConfirm: () => Promise<unknown> }) {
  const { t } = useTranslation();
  return (
    <Popconfirm title={title} description={t('common.recycleBinHint')} onConfirm={onConfirm}>
      <Button danger icon={<DeleteOutlined />}>
        {t('common.delete')}
      </Button>
    </Popconfirm>
  );
}

/** Says what a bulk change did: how many records changed and how many were skipped, with the reasons given. */
export function useBulkResultMessage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (result: BulkEditResult) => {
    const text = t('bulk.done', { affected: result.affected, skipped: result.skipped });
    if (!result.skipped) return void message.success(text);
    const reasons = [...new Set(result.rejected.map((r) => r.reason))].slice(0, 3);
    void message.warning(reasons.length ? `${text} · ${reasons.join(' · ')}` : text, 6);
  };
}
