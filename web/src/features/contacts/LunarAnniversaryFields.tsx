import { leapMonthRules } from '@relate/common';
import { Form, type FormInstance, Select, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { lunarLabel } from '../calendar/lunar-label';
import { useLunarDays } from '../calendar/queries';

/**
 * For a lunar anniversary: the lunar date of the day picked (the date it comes round on each year)
 * and, for a leap month, where it falls in a year without that leap month.
 */
export function LunarAnniversaryFields({ form, name }: { form: FormInstance; name: number }) {
  const { t } = useTranslation();
  const calendar = Form.useWatch(['anniversaries', name, 'calendar'], form) as string | undefined;
  const date = Form.useWatch(['anniversaries', name, 'date'], form) as dayjs.Dayjs | null | undefined;
  const day = calendar === 'lunar' && date?.isValid() ? date.format('YYYY-MM-DD') : null;
  const lunar = useLunarDays(day, day).data?.days[0]?.lunar;
  if (calendar !== 'lunar') return null;
  return (
    <>
      {lunar && <Typography.Text data-testid="lunar-date">{lunarLabel(t, lunar)}</Typography.Text>}
      {lunar?.leap && (
        <Form.Item
          name={[name, 'leapRule']}
          initialValue="leapMonth"
          tooltip={t('lunarCalendar.leapRuleHelp')}
          label={t('lunarCalendar.leapRule')}
        >
          <Select
            style={{ width: 260 }}
            options={leapMonthRules.map((rule) => ({ value: rule, label: t(`lunarCalendar.leapRules.${rule}`) }))}
          />
        </Form.Item>
      )}
    </>
  );
}
