import {
  type ReportSchedule,
  type ReportScheduleFrequency,
  type SavedReport,
  reportScheduleFrequencies,
} from '@relate/common';
import { Alert, App, Button, Descriptions, Flex, Form, Modal, Popconfirm, Radio, Select, Spin, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useErrorReporter, useRequired } from '../../components/forms';
import { useCompanyTimeZone } from '../../components/queries';
import { UserSelect } from '../../components/users';
import { useReportSchedule, useSaveReportSchedule, useStopReportSchedule } from './queries';
import { hourText } from './schedule-text';

type Values = {
  frequency: ReportScheduleFrequency;
  weekday: number;
  monthDay: number;
  hour: number;
  recipientIds: number[];
  enabled: boolean;
};

const weekdays = [1, 2, 3, 4, 5, 6, 7];
const monthDays = Array.from({ length: 28 }, (_, i) => i + 1);
const hours = Array.from({ length: 24 }, (_, i) => i);
const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** The form's values for a schedule; a new one goes out on Mondays at 08:00 to its owner. */
function valuesOf(schedule: ReportSchedule | null, ownerId: number | undefined): Values {
  return {
    frequency: schedule?.frequency ?? 'weekly',
    weekday: schedule?.weekday ?? 1,
    monthDay: schedule?.monthDay ?? 1,
    hour: schedule?.hour ?? 8,
    recipientIds: schedule?.recipientIds ?? (ownerId ? [ownerId] : []),
    enabled: schedule?.enabled ?? true,
  };
}

/**
 * 定时发送: when one's own saved report is sent by email and to whom (each recipient gets the figures of
 * their own scope, in their language), with when it is next sent, when it was last sent and why someone
 * got nothing the last time; saved, or stopped after a confirmation.
 */
export function ReportScheduleDialog({ report, onClose }: { report: SavedReport; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { info } = useSession();
  const required = useRequired();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const schedule = useReportSchedule(report.id);
  const timeZone = useCompanyTimeZone();
  const saveSchedule = useSaveReportSchedule();
  const stopSchedule = useStopReportSchedule();
  const frequency = Form.useWatch('frequency', form);
  const current = schedule.data;

  const save = async (values: Values) => {
    try {
      await saveSchedule.mutateAsync({
        id: report.id,
        body: {
          frequency: values.frequency,
          weekday: values.frequency === 'weekly' ? values.weekday : null,
          monthDay: values.frequency === 'monthly' ? values.monthDay : null,
          hour: values.hour,
          recipientIds: values.recipientIds,
          enabled: values.enabled,
        },
      });
      message.success(t('common.saved'));
      onClose();
    } catch (error) {
      reportError(error);
    }
  };
  const stop = async () => {
    try {
      await stopSchedule.mutateAsync(report.id);
      message.success(t('reports.schedule.stopped'));
      onClose();
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Modal
      open
      title={t('reports.schedule.titleOf', { name: report.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between" gap={8}>
          <span>
            {current && (
              <Popconfirm
                title={t('reports.schedule.stopConfirm', { name: report.name })}
                onConfirm={() => stop()}
                okButtonProps={{ danger: true }}
              >
                <Button danger loading={stopSchedule.isPending}>
                  {t('reports.schedule.stop')}
                </Button>
              </Popconfirm>
            )}
          </span>
          <span>
            <Button onClick={onClose} style={{ marginRight: 8 }}>
              {t('common.cancel')}
            </Button>
            <Button
              type="primary"
              loading={saveSchedule.isPending}
              disabled={!schedule.isSuccess}
              onClick={() => form.submit()}
            >
              {t('common.save')}
            </Button>
          </span>
        </Flex>
      }
    >
      {!schedule.isSuccess ? (
        schedule.isError ? (
          <Alert type="error" showIcon message={schedule.error.message} />
        ) : (
          <Spin />
        )
      ) : (
        <>
          {current && (
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('reports.schedule.nextRun')}>
                {current.nextRunAt ? when(current.nextRunAt) : t('reports.schedule.pausedHint')}
              </Descriptions.Item>
              <Descriptions.Item label={t('reports.schedule.lastSent')}>
                {current.lastSentAt ? when(current.lastSentAt) : t('reports.schedule.notYet')}
              </Descriptions.Item>
            </Descriptions>
          )}
          {current?.lastError && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('reports.schedule.lastError')}
              description={current.lastError}
              data-testid="schedule-last-error"
            />
          )}
          <Form
            form={form}
            layout="vertical"
            initialValues={valuesOf(current ?? null, info?.user.id)}
            onFinish={(values) => void save(values)}
          >
            <Form.Item name="frequency" label={t('reports.schedule.frequency')}>
              <Radio.Group
                optionType="button"
                options={reportScheduleFrequencies.map((value) => ({
                  value,
                  label: t(`reports.schedule.frequencies.${value}`),
                }))}
              />
            </Form.Item>
            {frequency === 'weekly' && (
              <Form.Item name="weekday" label={t('reports.schedule.weekday')} rules={required.value}>
                <Select
                  options={weekdays.map((day) => ({ value: day, label: t(`reports.schedule.weekdays.${day}`) }))}
                />
              </Form.Item>
            )}
            {frequency === 'monthly' && (
              <Form.Item name="monthDay" label={t('reports.schedule.monthDay')} rules={required.value}>
                <Select
                  options={monthDays.map((day) => ({
                    value: day,
                    label: t('reports.schedule.monthDayOption', { day }),
                  }))}
                />
              </Form.Item>
            )}
            <Form.Item
              name="hour"
              label={t('reports.schedule.hour')}
              extra={
                timeZone.data
                  ? t('reports.schedule.companyTimeZoneOf', { zone: timeZone.data })
                  : t('reports.schedule.companyTimeZone')
              }
            >
              <Select options={hours.map((hour) => ({ value: hour, label: hourText(hour) }))} />
            </Form.Item>
            <Form.Item
              name="recipientIds"
              label={t('reports.schedule.recipients')}
              extra={t('reports.schedule.recipientsHint')}
              rules={required.value}
            >
              <UserSelect mode="multiple" />
            </Form.Item>
            <Form.Item name="enabled" label={t('reports.schedule.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
