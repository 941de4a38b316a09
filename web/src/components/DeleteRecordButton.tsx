import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * The Delete button of a record's page: asks first (`confirm`, with an optional `hint` under it), deletes,
 * says `deletedMessage` when given and goes back to the list at `backTo`.
 */
export function DeleteRecordButton(props: {
  confirm: string;
  hint?: string;
  onDelete: () => Promise<unknown>;
  deletedMessage?: string;
  backTo: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = async () => {
    await props.onDelete();
    if (props.deletedMessage) message.success(props.deletedMessage);
    void navigate(props.backTo);
  };
  return (
    <Popconfirm title={props.confirm} description={props.hint} onConfirm={remove}>
      <Button danger icon={<DeleteOutlined />}>
        {t('common.delete')}
      </Button>
    </Popconfirm>
  );
}
