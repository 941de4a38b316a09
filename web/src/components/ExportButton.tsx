import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';

export type ExportFormat = 'xlsx' | 'csv';

/** Export a list as Excel or CSV, chosen from the button's menu. */
export function ExportButton({ onExport }: { onExport: (format: ExportFormat) => void }) {
  const { t } = useTranslation();
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'xlsx', label: 'Excel (.xlsx)' },
          { key: 'csv', label: 'CSV' },
        ],
        onClick: ({ key }) => onExport(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />}>{t('common.export')}</Button>
    </Dropdown>
  );
}
