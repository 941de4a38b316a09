import { type Body, type Task, type TaskInput, taskPriorities, recurrences } from '@relate/common';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DictionarySelect } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDrawer } from '../../components/SaveDrawer';
import { UserSelect } from '../../components/users';
import { useSaveTask } from './queries';
import { WorkingDayPicker } from '../calendar/WorkingDayPicker';

export type TaskRelation = { relatedEntity: 'customers' | 'leads' | 'opportunities'; relatedId: number };
type TaskValues = Omit<Body<typeof TaskInput>, 'dueAt'> & { dueAt: Dayjs };

/** Create or edit a task: what, when, for whom, with an optional reminder and repetition. */
export function TaskForm({
  task,
  related,
  open,
  onClose,
  defaultDue,
}: {
  task?: Task;
  related?: TaskRelation;
  open: boolean;
  onClose: () => void;
  defaultDue?: Dayjs;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const [form] = Form.useForm();
  const save = useSaveTask();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (task) form.setFieldsValue({ ...task, dueAt: dayjs(task.dueAt) });
    else form.setFieldsValue({ dueAt: defaultDue ?? dayjs().add(1, 'day').hour(10).minute(0).second(0) });
  }, [open, task, defaultDue, form]);

  const submit = ({ dueAt, ...rest }: TaskValues) =>
    save.mutateAsync({
      id: task?.id,
      body: emptyToNull({ ...rest, dueAt: dueAt.toISOString(), ...(task ? {} : (related ?? {})) }),
    });

  return (
    <SaveDrawer
      form={form}
      title={task ? t('tasks.edit') : t('tasks.new')}
      open={open}
      onClose={onClose}
      onSave={submit}
      saving={save.isPending}
      saveTestId="task-save"
      initialValues={{ type: 'todo', priority: 'normal', recurrence: 'none' }}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="subject" label={t('tasks.fields.subject')} rules={required.value}>
            <Input autoFocus maxLength={200} data-testid="task-subject" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="type" label={t('tasks.fields.type')}>
            <DictionarySelect type="task_type" allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="priority" label={t('tasks.fields.priority')}>
            <Select options={taskPriorities.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="dueAt" label={t('tasks.fields.dueAt')} rules={required.value}>
            <WorkingDayPicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="assigneeId" label={t('tasks.fields.assignee')}>
            <UserSelect placeholder={t('tasks.assigneeDefault')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="remindMinutes" label={t('tasks.fields.remindMinutes')}>
            <InputNumber min={0} max={43200} addonAfter={t('tasks.minutesBefore')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="recurrence" label={t('tasks.fields.recurrence')}>
            <Select options={recurrences.map((r) => ({ value: r, label: t(`tasks.recurrences.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t('tasks.fields.notes')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Col>
      </Row>
    </SaveDrawer>
  );
}
