import type { Customer } from '@relate/common';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { DictionaryTag } from '../../components/dictionaries';
import { PhoneLink } from '../../components/PhoneLink';

/** The customer list's filters folded under "more filters" (the search, level and stage stay in view). */
export const foldedFilters = [
  'industry',
  'source',
  'ownerId',
  'departmentId',
  'province',
  'tags',
  'createdFrom',
  'lastFollowupFrom',
];

type SortOrder = (field: string) => 'ascend' | 'descend' | null;
const dateTime = (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '');

/** Columns the customer list offers in its column chooser without showing them until chosen. */
export function moreCustomerColumns(t: TFunction, sortOrder: SortOrder): TableColumnsType<Customer> {
  return [
    {
      title: t('customers.fields.industry'),
      dataIndex: 'industry',
      hidden: true,
      render: (code: string | null) => <DictionaryTag type="industry" code={code} />,
    },
    {
      title: t('customers.fields.source'),
      dataIndex: 'source',
      hidden: true,
      render: (code: string | null) => <DictionaryTag type="customer_source" code={code} />,
    },
    {
      title: t('customers.fields.phone'),
      dataIndex: 'phone',
      hidden: true,
      render: (phone: string | null | undefined) => <PhoneLink number={phone} empty={null} />,
    },
    {
      title: t('customers.fields.lastFollowupAt'),
      dataIndex: 'lastFollowupAt',
      hidden: true,
      sorter: true,
      sortOrder: sortOrder('lastFollowupAt'),
      render: dateTime,
    },
    {
      title: t('customers.fields.nextFollowupAt'),
      dataIndex: 'nextFollowupAt',
      hidden: true,
      sorter: true,
      sortOrder: sortOrder('nextFollowupAt'),
      render: dateTime,
    },
    {
      title: t('customers.fields.createdAt'),
      dataIndex: 'createdAt',
      hidden: true,
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: dateTime,
    },
  ];
}
