import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A side drawer with Cancel and Save for create/edit forms. */
export function FormDrawer(props: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSave: () => void;
  saving: boolean;
  saveTestId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      title={props.title}
      open={props.open}
      onClose={props.onClose}
      size={720}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.saving} onClick={props.onSave} data-testid={props.saveTestId}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {props.children}
    </Drawer>
  );
}
