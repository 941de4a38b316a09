import { ArrowDownOutlined, ArrowUpOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListView } from './useListView';

/** Which of a list's columns show, and in what order: a checkbox each, up and down, and back to the list's own. */
export function ColumnChooser({ view }: { view: Pick<ListView, 'choice' | 'setColumns'> }) {
  const { t } = useTranslation();
  // Read as the chooser opens and on each change, so that columns handed over late are there too.
  const [open, setOpen] = useState(false);
  const choice = view.choice();
  const visible = choice.filter((c) => c.visible).map((c) => c.key);
  const toggle = (key: string, show: boolean) =>
    view.setColumns(show ? [...visible, key] : visible.filter((k) => k !== key));
  const move = (index: number, by: -1 | 1) => {
    const next = [...visible];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    view.setColumns(next);
  };
  const content = (
    <div style={{ width: 260 }} data-testid="column-chooser">
      {choice.map((column, index) => (
        <div key={column.key} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <Checkbox
            checked={column.visible}
            // The last column shown stays: a list without columns shows nothing.
            disabled={column.visible && visible.length === 1}
            onChange={(e) => toggle(column.key, e.target.checked)}
          >
            {column.title}
          </Checkbox>
          {column.visible && (
            <Space size={0}>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={t('views.moveUp')}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={t('views.moveDown')}
                disabled={index === visible.length - 1}
                onClick={() => move(index, 1)}
              />
            </Space>
          )}
        </div>
      ))}
      <Button type="link" size="small" style={{ paddingInline: 0, marginTop: 4 }} onClick={() => view.setColumns(null)}>
        {t('views.resetColumns')}
      </Button>
    </div>
  );
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={t('views.columns')}
      content={content}
    >
      <Tooltip title={t('views.columns')}>
        <Button icon={<TableOutlined />} aria-label={t('views.columns')} />
      </Tooltip>
    </Popover>
  );
}
