import { Button, DatePicker, type DatePickerProps, InputNumber, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workingCalendarApi } from './api';

/**
 * A date picker that also offers "in N working days" (from today, on the company's working calendar:
 * weekdays, China's statutory holidays and make-up working days, the company's own days). A picker with
 * a time keeps the time already chosen (else the end of the afternoon).
 */
export function WorkingDayPicker(props: DatePickerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState<number | null>(3);
  const [busy, setBusy] = useState(false);
  const pick = async () => {
    setBusy(true);
    try {
      const { date } = await workingCalendarApi.workingDaysFrom(days ?? 0);
      const current = props.value && dayjs.isDayjs(props.value) ? props.value : null;
      const chosen = props.showTime
        ? dayjs(date)
            .hour(current?.hour() ?? 18)
            .minute(current?.minute() ?? 0)
            .second(0)
        : dayjs(date);
      props.onChange?.(chosen as never, chosen.format('YYYY-MM-DD'));
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <DatePicker
      {...props}
      open={open}
      onOpenChange={setOpen}
      renderExtraFooter={() => (
        <Space size={4} style={{ padding: '4px 0' }}>
          <InputNumber
            size="small"
            min={0}
            max={365}
            precision={0}
            value={days}
            onChange={setDays}
            aria-label={t('workingCalendar.inWorkingDays')}
            style={{ width: 64 }}
          />
          <Button size="small" loading={busy} onClick={() => void pick()}>
            {t('workingCalendar.inWorkingDays')}
          </Button>
        </Space>
      )}
    />
  );
}
