import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../app/api';

/** A record page whose record is gone or hidden from the caller: the server's reason and a way back to the list. */
export function RecordNotFound({ error, backTo }: { error: unknown; backTo: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={error instanceof ApiError ? error.message : t('common.notFound')}
      extra={<Button onClick={() => void navigate(backTo)}>{t('common.back')}</Button>}
    />
  );
}
