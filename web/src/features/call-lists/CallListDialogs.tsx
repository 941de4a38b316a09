import type { CallList } from '@relate/common';
import { App, Col, Form, Input, InputNumber, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useRequired } from '../../components/forms';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { UserSelect } from '../../components/users';
import { useAssignCallList, useCallListSources, useUpdateCallList } from './queries';
import { ScriptField } from './ScriptField';

type EditValues = {
  name: string;
  script: string;
  callingStart: string;
  callingEnd: string;
  maxAttempts: number;
  retryMinutes: number;
};

/** Edit a list: its name, script, calling hours and attempts (its source stays; refresh adds what is new). */
export function CallListEditDialog({ dialog, list }: { dialog: SaveDialogState<CallList>; list: CallList }) {
  const { t } = useTranslation();
  const required = useRequired();
  const update = useUpdateCallList(list.id);
  const sources = useCallListSources();
  const fields = sources.data?.items.find((s) => s.kind === list.sourceKind)?.fields ?? [];
  return (
    <SaveDialog<CallList, EditValues>
      dialog={dialog}
      title={t('callLists.edit')}
      width={720}
      saveTestId="call-list-edit-save"
      toValues={(l) => ({
        name: l.name,
        script: l.script,
        callingStart: l.callingStart,
        callingEnd: l.callingEnd,
        maxAttempts: l.maxAttempts,
        retryMinutes: l.retryMinutes,
      })}
      onSave={(values) => update.mutateAsync({ ...values, script: values.script ?? '' })}
    >
      <Form.Item name="name" label={t('callLists.fields.name')} rules={required.text}>
        <Input maxLength={100} />
      </Form.Item>
      <ScriptField fields={fields} />
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="callingStart" label={t('callLists.fields.callingHours')}>
            <Input maxLength={5} placeholder="09:00" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="callingEnd" label=" ">
            <Input maxLength={5} placeholder="21:00" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="maxAttempts" label={t('callLists.fields.maxAttempts')}>
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="retryMinutes" label={t('callLists.fields.retryMinutes')}>
            <InputNumber min={5} max={10080} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </SaveDialog>
  );
}

type AssignValues = { assignment: 'even' | 'owner'; agentIds: number[]; fromAgentIds?: number[] };

/** Share the list's open entries out again: evenly among agents, or to the records' owners; all or one agent's. */
export function CallListAssignDialog({ dialog, list }: { dialog: SaveDialogState<CallList>; list: CallList }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const required = useRequired();
  const assign = useAssignCallList(list.id);
  const [form] = Form.useForm<AssignValues>();
  const assignment = Form.useWatch('assignment', form);
  return (
    <SaveDialog<CallList, AssignValues>
      dialog={dialog}
      form={form}
      title={t('callLists.reassign')}
      saveTestId="call-list-assign-save"
      savedMessage={false}
      toValues={(l) => ({ assignment: l.assignment, agentIds: l.agentIds })}
      onSave={async (values) => {
        await assign.mutateAsync({
          assignment: values.assignment,
          agentIds: values.agentIds ?? [],
          fromAgentIds: values.fromAgentIds?.length ? values.fromAgentIds : undefined,
        });
        void message.success(t('callLists.reassigned'));
      }}
    >
      <Form.Item name="assignment" label={t('callLists.fields.assignment')}>
        <Radio.Group
          options={(['even', 'owner'] as const).map((a) => ({ value: a, label: t(`callLists.assignments.${a}`) }))}
        />
      </Form.Item>
      {can('org.view') && (
        <>
          <Form.Item
            name="agentIds"
            label={t('callLists.fields.agents')}
            rules={assignment === 'even' ? required.value : undefined}
          >
            <UserSelect mode="multiple" data-testid="call-list-assign-agents" />
          </Form.Item>
          <Form.Item name="fromAgentIds" label={t('callLists.fromAgents')}>
            <UserSelect mode="multiple" placeholder={t('callLists.fromAgentsAll')} />
          </Form.Item>
        </>
      )}
    </SaveDialog>
  );
}
