import { FilterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { Children, type CSSProperties, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A list's filters: the first `shown` stay in view, the rest fold under "more filters", which says how many
 * of them are set. `extra` (the list's views, columns and density) sits at the row's end.
 */
export function FilterBar({
  children,
  shown = 4,
  moreActive = 0,
  extra,
  style,
}: {
  children: ReactNode;
  style?: CSSProperties;
  shown?: number;
  /** How many of the folded filters hold a value. */
  moreActive?: number;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const filters = Children.toArray(children);
  const rest = filters.slice(shown);
  return (
    <div style={style}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
        <Space wrap>
          {filters.slice(0, shown)}
          {rest.length > 0 && (
            <Button
              icon={<FilterOutlined />}
              type={moreActive ? 'primary' : 'default'}
              ghost={moreActive > 0}
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              {moreActive ? t('views.moreFiltersActive', { count: moreActive }) : t('views.moreFilters')}
            </Button>
          )}
        </Space>
        {extra && <Space wrap>{extra}</Space>}
      </div>
      {open && rest.length > 0 && (
        <Space wrap style={{ marginTop: 8 }}>
          {rest}
        </Space>
      )}
    </div>
  );
}
