import { PhoneOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useDial, useMySeat } from './queries';

/**
 * Click-to-dial beside a phone number: the agent's extension rings, then the number is called. Shown to
 * those with a seat (calls.view and an extension); on a phone the number's own tel: link calls instead.
 */
export function DialButton({ number }: { number: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const allowed = can('calls.view');
  const seat = useMySeat(allowed);
  const dial = useDial();
  if (!allowed || !seat.data?.extension) return null;
  return (
    <Tooltip title={t('cti.dial')}>
      <Button
        type="link"
        size="small"
        icon={<PhoneOutlined />}
        aria-label={`${t('cti.dial')} ${number}`}
        data-testid="click-to-dial"
        loading={dial.isPending}
        onClick={(e) => {
          e.stopPropagation();
          dial.mutate(number, {
            onSuccess: () => void message.info(t('cti.dialing', { number })),
            onError: (error) => void message.error(`${t('cti.dialFailed')}: ${error.message}`),
          });
        }}
        style={{ paddingInline: 4, height: 'auto' }}
      />
    </Tooltip>
  );
}
