import type { CalendarDay } from '@relate/common';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Flex, Skeleton, Space, Tag, Tooltip, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DayChoice, dayActions } from './day-actions';
import { useWorkingYear } from './queries';

export type CompanyDays = { holidays: string[]; extraWorkdays: string[] };

/**
 * A year of the working calendar, month by month: days off shaded, statutory holidays and the weekend
 * days worked instead (调休) marked with their names, the company's own days outlined. A click on a day
 * makes it a day off or a working day for the company, or gives it back to the standard calendar; the
 * change is the form's until it is saved.
 */
export function WorkingYear({ value, onChange }: { value: CompanyDays; onChange: (next: CompanyDays) => void }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const [year, setYear] = useState(() => dayjs().year());
  const calendar = useWorkingYear(year);
  const english = i18n.language === 'en';
  const off = new Set(value.holidays);
  const on = new Set(value.extraWorkdays);
  const workedOf = (day: CalendarDay) => (on.has(day.date) ? true : off.has(day.date) ? false : day.standard);
  const choose = (date: string, choice: 'off' | 'on' | 'standard') =>
    onChange({
      holidays: [...value.holidays.filter((d) => d !== date), ...(choice === 'off' ? [date] : [])].sort(),
      extraWorkdays: [...value.extraWorkdays.filter((d) => d !== date), ...(choice === 'on' ? [date] : [])].sort(),
    });

  const byMonth = Array.from({ length: 12 }, (_, m) =>
    (calendar.data?.days ?? []).filter((d) => Number(d.date.slice(5, 7)) === m + 1),
  );
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long' });
  const weekdayNames = Array.from({ length: 7 }, (_, i) => t(`serviceDesk.weekdays.${i + 1}`));

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="working-year">
      <Flex align="center" gap={8}>
        <Button
          size="small"
          icon={<LeftOutlined />}
          aria-label={t('workingCalendar.previousYear')}
          onClick={() => setYear(year - 1)}
        />
        <Typography.Text strong>{t('workingCalendar.year', { year })}</Typography.Text>
        <Button
          size="small"
          icon={<RightOutlined />}
          aria-label={t('workingCalendar.nextYear')}
          onClick={() => setYear(year + 1)}
        />
        <Space size={4} wrap style={{ marginLeft: 'auto' }}>
          <Tag color="red">{t('workingCalendar.legend.holiday')}</Tag>
          <Tag color="orange">{t('workingCalendar.legend.madeUp')}</Tag>
          <Tag style={{ borderStyle: 'dashed' }}>{t('workingCalendar.legend.company')}</Tag>
        </Space>
      </Flex>
      {calendar.data && calendar.data.statutoryCalendar && !calendar.data.statutoryKnown && (
        <Alert type="warning" showIcon message={t('workingCalendar.unknownYear', { year })} />
      )}
      {!calendar.data ? (
        <Skeleton active />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: 12 }}>
          {byMonth.map((days, m) => {
            const lead = (dayjs(days[0].date).day() + 6) % 7;
            return (
              <div key={m} data-testid={`month-${m + 1}`}>
                <Typography.Text strong>{monthName.format(new Date(year, m, 1))}</Typography.Text>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4 }}>
                  {weekdayNames.map((name) => (
                    <Typography.Text key={name} type="secondary" style={{ fontSize: 11, textAlign: 'center' }}>
                      {english ? name.slice(0, 2) : name.slice(-1)}
                    </Typography.Text>
                  ))}
                  {Array.from({ length: lead }, (_, i) => (
                    <span key={`lead-${i}`} />
                  ))}
                  {days.map((day) => {
                    const worked = workedOf(day);
                    const company = on.has(day.date) || off.has(day.date);
                    const name = english ? day.nameEn : day.nameZh;
                    const statutory = day.source === 'statutory' || (company && name);
                    const colour =
                      !worked && statutory ? token.colorError : worked && name ? token.colorWarning : undefined;
                    const label = [
                      day.date,
                      worked ? t('workingCalendar.worked') : t('workingCalendar.off'),
                      name,
                      company ? t('workingCalendar.legend.company') : null,
                    ]
                      .filter(Boolean)
                      .join(' · ');
                    const actions = dayActions({ worked, standard: day.standard, company });
                    return (
                      <Dropdown
                        key={day.date}
                        trigger={['click']}
                        menu={{
                          items: [
                            {
                              key: 'day',
                              type: 'group',
                              label,
                              children: [
                                { key: 'off', label: t('workingCalendar.makeOff'), disabled: !actions.off },
                                { key: 'on', label: t('workingCalendar.makeWorked'), disabled: !actions.on },
                                {
                                  key: 'standard',
                                  label: t('workingCalendar.makeStandard'),
                                  disabled: !actions.standard,
                                },
                              ],
                            },
                          ],
                          onClick: ({ key }) => {
                            const choice = key as DayChoice;
                            choose(day.date, choice === 'standard' ? 'standard' : (actions[choice] as DayChoice));
                          },
                        }}
                      >
                        <Tooltip title={label} placement="right" mouseEnterDelay={0.4}>
                          <button
                            type="button"
                            aria-label={label}
                            data-date={day.date}
                            data-worked={worked}
                            style={{
                              cursor: 'pointer',
                              fontSize: 12,
                              lineHeight: '22px',
                              padding: 0,
                              borderRadius: 4,
                              border: company ? `1px dashed ${token.colorTextSecondary}` : '1px solid transparent',
                              background: worked ? 'transparent' : token.colorFillSecondary,
                              color: colour ?? (worked ? token.colorText : token.colorTextTertiary),
                              fontWeight: name ? 600 : 400,
                            }}
                          >
                            {Number(day.date.slice(8))}
                          </button>
                        </Tooltip>
                      </Dropdown>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
      )}
    </Space>
  );
}
