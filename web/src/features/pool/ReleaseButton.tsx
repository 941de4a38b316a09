import { ExportOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useReleaseCustomer } from './queries';
import { useRequired } from '../../components/forms';

/** Gives a customer back to the public pool after asking why. */
export function ReleaseButton({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const required = useRequired();
  const navigate = useNavigate();
  const dialog = useSaveDialog();
  const release = useReleaseCustomer();
  const save = async (values: { reason: string }) => {
    await release.mutateAsync({ customerId, reason: values.reason });
    void navigate('/customers');
  };
  return (
    <>
      <Button icon={<ExportOutlined />} onClick={dialog.openNew}>
        {t('pool.release')}
      </Button>
      <SaveDialog
        dialog={dialog}
        title={t('pool.releaseTitle')}
        onSave={save}
        savedMessage={t('pool.released')}
        okText={t('pool.release')}
      >
        <Form.Item name="reason" label={t('pool.reason')} rules={required.value}>
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
