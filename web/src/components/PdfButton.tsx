import { FilePdfOutlined } from '@ant-design/icons';
import type { Locale } from '@relate/common';
import { Dropdown } from 'antd';

/** Downloads a document as PDF: in the customer's language by default, or in the one chosen from the menu. */
export function PdfButton({ download, testId }: { download: (locale?: Locale) => void; testId: string }) {
  return (
    <Dropdown.Button
      icon={<FilePdfOutlined />}
      onClick={() => download()}
      menu={{
        items: [
          { key: 'zh-CN', label: '中文 PDF' },
          { key: 'en', label: 'English PDF' },
        ],
        onClick: ({ key }) => download(key as Locale),
      }}
      data-testid={testId}
    >
      PDF
    </Dropdown.Button>
  );
}
