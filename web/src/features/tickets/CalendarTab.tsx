import type { Settings } from '@relate/common';
import { App, Button, Checkbox, DatePicker, Form, Select, Switch, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect } from '../../components/dictionaries';
import { useErrorReporter, useRequired } from '../../components/forms';
import { UserSelect } from '../../components/users';
import { useSettings, useUpdateSettings } from '../admin/queries';
import { useSurveys } from '../surveys/queries';
import { WorkingYear } from '../calendar/WorkingYear';

const weekdays = [1, 2, 3, 4, 5, 6, 7];
const dates = (list?: dayjs.Dayjs[]) => (list ?? []).map((d) => d.format('YYYY-MM-DD'));

/** Working days and hours, holidays and worked weekend days, ticket routing and VIP handling — kept in the system settings. */
export function CalendarTab() {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const settings = useSettings();
  const updateSettings = useUpdateSettings();
  const surveys = useSurveys(can('surveys.view'));
  const holidays = Form.useWatch<dayjs.Dayjs[] | undefined>('holidays', form);
  const extraWorkdays = Form.useWatch<dayjs.Dayjs[] | undefined>('extraWorkdays', form);
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    form.setFieldsValue({
      businessDays: s.businessDays,
      hours: [dayjs(s.businessStart, 'HH:mm'), dayjs(s.businessEnd, 'HH:mm')],
      statutoryCalendar: s.statutoryCalendar,
      holidays: s.holidays.map((d) => dayjs(d)),
      extraWorkdays: s.extraWorkdays.map((d) => dayjs(d)),
      ticketRouting: s.ticketRouting,
      vipCustomerLevels: s.vipCustomerLevels,
      vipAgentIds: s.vipAgentIds,
      ticketCallbacks: s.ticketCallbacks,
      ticketSurveyId: s.ticketSurveyId,
    });
  }, [settings.data, form]);
  const save = async (v: {
    businessDays: number[];
    hours: [dayjs.Dayjs, dayjs.Dayjs];
    statutoryCalendar: boolean;
    holidays?: dayjs.Dayjs[];
    extraWorkdays?: dayjs.Dayjs[];
    ticketRouting: Settings['ticketRouting'];
    vipCustomerLevels?: string[];
    vipAgentIds?: number[];
    ticketCallbacks: boolean;
    ticketSurveyId?: number | null;
  }) => {
    const days = (list?: dayjs.Dayjs[]) => [...new Set((list ?? []).map((d) => d.format('YYYY-MM-DD')))].sort();
    try {
      await updateSettings.mutateAsync({
        businessDays: v.businessDays,
        businessStart: v.hours[0].format('HH:mm'),
        businessEnd: v.hours[1].format('HH:mm'),
        statutoryCalendar: v.statutoryCalendar,
        holidays: days(v.holidays),
        extraWorkdays: days(v.extraWorkdays),
        ticketRouting: v.ticketRouting,
        vipCustomerLevels: v.vipCustomerLevels ?? [],
        vipAgentIds: v.vipAgentIds ?? [],
        ticketCallbacks: v.ticketCallbacks,
        ticketSurveyId: v.ticketSurveyId ?? null,
      });
      message.success(t('common.saved'));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 960 }}>
      <Form.Item name="businessDays" label={t('serviceDesk.fields.businessDays')}>
        <Checkbox.Group options={weekdays.map((d) => ({ value: d, label: t(`serviceDesk.weekdays.${d}`) }))} />
      </Form.Item>
      <Form.Item name="hours" label={t('serviceDesk.fields.hours')} rules={required.value}>
        <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
      </Form.Item>
      <Form.Item
        name="statutoryCalendar"
        label={t('workingCalendar.statutory')}
        valuePropName="checked"
        extra={t('workingCalendar.statutoryHint')}
      >
        <Switch />
      </Form.Item>
      <Form.Item name="holidays" label={t('serviceDesk.fields.holidays')}>
        <DatePicker multiple style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="extraWorkdays"
        label={t('serviceDesk.fields.extraWorkdays')}
        extra={t('serviceDesk.extraWorkdaysHint')}
      >
        <DatePicker multiple style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('workingCalendar.title')}>
        <WorkingYear
          value={{ holidays: dates(holidays), extraWorkdays: dates(extraWorkdays) }}
          onChange={(next) =>
            form.setFieldsValue({
              holidays: next.holidays.map((d) => dayjs(d)),
              extraWorkdays: next.extraWorkdays.map((d) => dayjs(d)),
            })
          }
        />
      </Form.Item>
      <Form.Item name="ticketRouting" label={t('serviceDesk.fields.routing')}>
        <Select
          options={(['least_busy', 'round_robin', 'manual'] as const).map((r) => ({
            value: r,
            label: t(`serviceDesk.routing.${r}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="vipCustomerLevels" label={t('serviceDesk.fields.vipLevels')}>
        <DictionarySelect type="customer_level" mode="multiple" />
      </Form.Item>
      <Form.Item name="vipAgentIds" label={t('serviceDesk.fields.vipAgents')}>
        <UserSelect mode="multiple" />
      </Form.Item>
      <Form.Item
        name="ticketCallbacks"
        label={t('serviceDesk.fields.callbacks')}
        valuePropName="checked"
        extra={t('serviceDesk.callbacksHint')}
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="ticketSurveyId"
        label={t('serviceDesk.fields.ticketSurvey')}
        extra={t('serviceDesk.ticketSurveyHint')}
      >
        <Select
          allowClear
          data-testid="ticket-survey"
          options={(surveys.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={settings.isFetching}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
