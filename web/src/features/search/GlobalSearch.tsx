import { SearchOutlined } from '@ant-design/icons';
import type { SearchGroup, SearchItem, SearchType } from '@relate/common';
import { Button, Empty, Input, type InputRef, Modal, Spin, Tag, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { useGlobalSearch } from './queries';
import { recentItems, rememberItem } from './recent';

/** Where "show all" of a kind leads: its list, searching the same text. */
const listPaths: Record<SearchType, string> = {
  customers: '/customers',
  contacts: '/contacts',
  leads: '/leads',
  opportunities: '/opportunities?view=list',
  quotes: '/quotes',
  orders: '/orders',
  contracts: '/contracts',
  tickets: '/tickets',
  articles: '/kb',
};
const statusKeys: Partial<Record<SearchType, string>> = {
  leads: 'leads.statuses',
  opportunities: 'search.opportunityStatuses',
  quotes: 'quotes.statuses',
  orders: 'orders.statuses',
  contracts: 'contracts.statuses',
  tickets: 'tickets.statuses',
  articles: 'knowledge.statuses',
};

export function listUrl(type: SearchType, q: string): string {
  const path = listPaths[type];
  return `${path}${path.includes('?') ? '&' : '?'}q=${encodeURIComponent(q)}`;
}

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The header's search: a box that opens the search dialog, also with ⌘K / Ctrl+K from anywhere. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const shortcut = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl K';
  return (
    <>
      {compact ? (
        <Button
          type="text"
          icon={<SearchOutlined />}
          aria-label={t('search.open')}
          onClick={() => setOpen(true)}
          data-testid="global-search"
        />
      ) : (
        <Button
          onClick={() => setOpen(true)}
          icon={<SearchOutlined />}
          style={{ width: 240, justifyContent: 'flex-start', color: 'rgba(0,0,0,0.45)' }}
          data-testid="global-search"
        >
          <span style={{ flex: 1, textAlign: 'left' }}>{t('search.placeholder')}</span>
          <Typography.Text keyboard type="secondary">
            {shortcut}
          </Typography.Text>
        </Button>
      )}
      {open && <SearchDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function SearchDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { info } = useSession();
  const userId = info?.user.id;
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 200);
  const result = useGlobalSearch({ q });
  const searching = text.trim().length >= 2;
  const groups: SearchGroup[] = useMemo(() => {
    if (!searching) {
      const recent = recentItems(userId);
      return recent.length ? [{ type: 'customers', total: recent.length, items: recent }] : [];
    }
    return result.data?.groups ?? [];
  }, [searching, userId, result.data]);
  const items = groups.flatMap((g) => g.items);
  useEffect(() => setActive(0), [q]);

  const open = (item: SearchItem) => {
    rememberItem(userId, item);
    onClose();
    void navigate(item.url);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (items.length ? (i + step + items.length) % items.length : 0));
    } else if (event.key === 'Enter' && items[active]) {
      event.preventDefault();
      open(items[active]);
    }
  };
  const showAll = (type: SearchType) => {
    onClose();
    void navigate(listUrl(type, q));
  };

  let index = -1;
  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      closable={false}
      width={640}
      styles={{ body: { padding: 0 } }}
      afterOpenChange={(visible) => visible && input.current?.focus()}
      destroyOnHidden
    >
      <Input
        ref={input}
        autoFocus
        size="large"
        variant="borderless"
        prefix={<SearchOutlined />}
        placeholder={t('search.hint')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-label={t('search.placeholder')}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls="global-search-results"
        data-testid="global-search-input"
        style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
      />
      <div id="global-search-results" role="listbox" style={{ maxHeight: 480, overflowY: 'auto', padding: 8 }}>
        {!searching && groups.length > 0 && (
          <Typography.Text type="secondary" style={{ padding: '4px 8px', display: 'block' }}>
            {t('search.recent')}
          </Typography.Text>
        )}
        {searching && result.isFetching && !result.data && (
          <div style={{ padding: 24, textAlign: 'center' }}>
            <Spin />
          </div>
        )}
        {searching && result.data && groups.length === 0 && !result.isFetching && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.nothing', { q })} />
        )}
        {!searching && groups.length === 0 && (
          <Typography.Paragraph type="secondary" style={{ padding: 16, margin: 0 }}>
            {t('search.help')}
          </Typography.Paragraph>
        )}
        {groups.map((group) => (
          <div key={group.type} data-testid={`search-group-${group.type}`} style={{ marginBottom: 8 }}>
            {searching && (
              <div style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 8px' }}>
                <Typography.Text type="secondary" strong>
                  {t(`search.types.${group.type}`)} ·{' '}
                  {group.totalCapped ? t('search.atLeast', { count: group.total }) : group.total}
                </Typography.Text>
                {group.total > group.items.length && (
                  <Typography.Link onClick={() => showAll(group.type)} data-testid={`search-all-${group.type}`}>
                    {t('search.showAll')}
                  </Typography.Link>
                )}
              </div>
            )}
            {group.items.map((item) => {
              index += 1;
              const mine = index;
              const statusKey = item.status && statusKeys[item.type];
              return (
                <div
                  key={`${item.type}-${item.id}`}
                  role="option"
                  aria-selected={mine === active}
                  data-testid="search-result"
                  onMouseEnter={() => setActive(mine)}
                  onClick={() => open(item)}
                  style={{
                    padding: '6px 8px',
                    borderRadius: 6,
                    cursor: 'pointer',
                    background: mine === active ? '#e6f4ff' : undefined,
                    display: 'flex',
                    gap: 8,
                    alignItems: 'center',
                  }}
                >
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {item.title}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {!searching && `${t(`search.types.${item.type}`)} · `}
                      {item.subtitle}
                    </Typography.Text>
                  </div>
                  {statusKey && <Tag>{t(`${statusKey}.${item.status}`, { defaultValue: item.status })}</Tag>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </Modal>
  );
}
