import type { Page } from '@relate/common';
import { Button, Empty, Flex, Grid, Table, type TableProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListTotal } from './ListTotal';
import { hasMore, rowsOf, type ScrolledPages, withPage } from './scrolled-pages';
import { pageAndSort } from './table-paging';

/** A change of page, size or order; a change without `sort` keeps the order. */
export type PageChange = { page: number; pageSize: number; sort?: string };

type Listed<T> = Pick<Page<T>, 'items' | 'total' | 'totalCapped'> &
  Partial<Pick<Page<T>, 'page' | 'pageSize' | 'nextCursor'>>;

/**
 * A list the server sends a page at a time: shows `list`'s rows and total, and hands each change of page,
 * page size or sort to `onPageChange`. On a phone the pages follow each other as the list is scrolled
 * (each read after the one before by its cursor) instead of being turned.
 */
export function PagedTable<T extends object>({
  list,
  page,
  pageSize,
  empty,
  onPageChange,
  onCountExactly,
  pageSizeOptions,
  hideOnSinglePage,
  ...table
}: Omit<TableProps<T>, 'dataSource' | 'pagination' | 'onChange' | 'locale'> & {
  list: Listed<T> | undefined;
  page?: number;
  pageSize?: number;
  /** What an empty list says. */
  empty: string;
  onPageChange: (change: PageChange) => void;
  /** Offered under a long list counted only up to a cap. */
  onCountExactly?: () => void;
  pageSizeOptions?: number[];
  /** No pager under a list of one page (a record's tab). */
  hideOnSinglePage?: boolean;
}) {
  const scrolling = Grid.useBreakpoint().md === false;
  const scrolled = useScrolledPages(scrolling ? list : undefined, page ?? 1, pageSize ?? 20);
  const total = <ListTotal total={list?.total ?? 0} capped={list?.totalCapped} onCountExactly={onCountExactly} />;
  const common = {
    rowKey: 'id',
    size: 'middle',
    scroll: { x: 'max-content' },
    ...table,
    locale: { emptyText: <Empty description={empty} /> },
  } as const;
  if (scrolling)
    return (
      <>
        <Table<T>
          {...common}
          dataSource={scrolled.rows}
          pagination={false}
          onChange={(pagination, _filters, sorter) =>
            onPageChange({ ...pageAndSort(pagination, sorter), page: 1, pageSize: pageSize ?? 20 })
          }
        />
        <Flex vertical align="center" gap={8} style={{ padding: '12px 0' }}>
          {scrolled.more && list && (
            <NextPage
              loading={Boolean(table.loading)}
              shown={scrolled.rows.length}
              onNext={() =>
                onPageChange({ page: (list.page ?? page ?? 1) + 1, pageSize: list.pageSize ?? pageSize ?? 20 })
              }
            />
          )}
          {total}
        </Flex>
      </>
    );
  return (
    <Table<T>
      {...common}
      dataSource={list?.items ?? []}
      pagination={{
        current: page,
        pageSize,
        total: list?.total ?? 0,
        showSizeChanger: !pageSizeOptions || pageSizeOptions.length > 1,
        ...(pageSizeOptions && { pageSizeOptions }),
        showTotal: () => total,
        hideOnSinglePage,
      }}
      onChange={(pagination, _filters, sorter) => onPageChange(pageAndSort(pagination, sorter))}
    />
  );
}

/** The rows of the pages read so far, and whether more follow. */
function useScrolledPages<T extends object>(list: Listed<T> | undefined, page: number, pageSize: number) {
  const [pages, setPages] = useState<ScrolledPages<T>>(new Map());
  useEffect(() => {
    if (list) setPages((held) => withPage(held, list.page ?? page, list.items));
  }, [list, page]);
  return {
    rows: rowsOf(pages as ScrolledPages<T & { id: unknown }>),
    more: Boolean(list && hasMore({ page, pageSize, ...list })),
  };
}

/**
 * Asks for the next page when it comes into view at the foot of the list (and on a tap, for a keyboard or
 * a screen reader). Watched afresh for every page shown, so that a page too short to fill the screen
 * still brings the next one.
 */
function NextPage({ loading, shown, onNext }: { loading: boolean; shown: number; onNext: () => void }) {
  const { t } = useTranslation();
  const node = useRef<HTMLDivElement>(null);
  const next = useRef(onNext);
  next.current = onNext;
  useEffect(() => {
    if (loading || !node.current || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        next.current();
      }
    });
    observer.observe(node.current);
    return () => observer.disconnect();
  }, [loading, shown]);
  return (
    <div ref={node}>
      <Button loading={loading} onClick={onNext}>
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
