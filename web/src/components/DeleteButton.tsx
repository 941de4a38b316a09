import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';

/** A small Delete button that asks first; `onConfirm` may return the deletion's promise (the button waits). */
export function DeleteButton(props: {
  onConfirm: () => unknown;
  type?: 'link' | 'text';
  label?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Popconfirm title={t('common.deleteConfirm')} onConfirm={props.onConfirm}>
      <Button size="small" type={props.type} danger data-testid={props.testId}>
        {props.label ?? t('common.delete')}
      </Button>
    </Popconfirm>
  );
}
