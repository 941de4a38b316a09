import { Button, Space, type TableColumnType } from 'antd';

import { useTranslation } from 'react-i18next';
import { DeleteButton } from './DeleteButton';

/** Edit and Delete (asked first) for one row; link buttons sit close together, as in the administration tables. */
export function EditDeleteActions(props: { onEdit: () => void; onDelete: () => unknown; type?: 'link' }) {
  const { t } = useTranslation();
  return (
    <Space size={props.type === 'link' ? 0 : undefined}>
      <Button size="small" type={props.type} onClick={props.onEdit}>
        {t('common.edit')}
      </Button>
      <DeleteButton type={props.type} onConfirm={props.onDelete} />
    </Space>
  );
}

/** The actions column of a list whose rows are edited in a dialog and can be deleted. */
export function editDeleteColumn<T>(props: {
  onEdit: (row: T) => void;
  onDelete: (row: T) => unknown;
  type?: 'link';
  title?: string;
}): TableColumnType<T> {
  return {
    title: props.title,
    key: 'actions',
    render: (_: unknown, row: T) => (
      <EditDeleteActions type={props.type} onEdit={() => props.onEdit(row)} onDelete={() => props.onDelete(row)} />
    ),
  };
}
