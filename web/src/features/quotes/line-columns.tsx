import type { LineItem } from '@relate/common';
import { Space, type TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { DictionaryTag } from '../../components/dictionaries';
import type { useMoney } from '../../components/money';

type Money = ReturnType<typeof useMoney>;

/** The quantity column of a quote's or an order's lines: the amount with its unit. */
export function quantityColumn<L extends LineItem>(t: TFunction): TableColumnType<L> {
  return {
    title: t('quotes.lines.quantity'),
    dataIndex: 'quantity',
    align: 'right',
    render: (v: string, l) => (
      <Space size={4}>
        {v}
        <DictionaryTag type="product_unit" code={l.unit} />
      </Space>
    ),
  };
}

/** The price columns of a quote's or an order's lines, amounts in the document's currency. */
export function priceColumns<L extends LineItem>(t: TFunction, money: Money, currency: string): TableColumnType<L>[] {
  return [
    {
      title: t('quotes.lines.unitPrice'),
      dataIndex: 'unitPrice',
      align: 'right',
      render: (v: string) => money(v, currency),
    },
    {
      title: t('quotes.lines.discountPercent'),
      dataIndex: 'discountPercent',
      align: 'right',
      render: (v: string) => (v === '0' ? '-' : `${v}%`),
    },
    { title: t('quotes.lines.taxRate'), dataIndex: 'taxRate', align: 'right', render: (v: string) => `${v}%` },
    {
      title: t('quotes.lines.net'),
      dataIndex: 'net',
      align: 'right',
      render: (v: string) => money(v, currency),
    },
  ];
}
