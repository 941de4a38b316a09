import { TeamOutlined } from '@ant-design/icons';
import type { SegmentEntity } from '@relate/common';
import { App, Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useAddSegmentMembers } from './queries';
import { SegmentSelect } from './SegmentSelect';

/** A list's bulk action: adds the selected customers, contacts or leads to a static segment. */
export function AddToSegmentButton({
  entity,
  ids,
  onAdded,
}: {
  entity: SegmentEntity;
  ids: number[];
  onAdded?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const required = useRequired();
  const dialog = useSaveDialog<never>();
  const add = useAddSegmentMembers();
  if (!can('segments.manage')) return null;
  return (
    <>
      <Button icon={<TeamOutlined />} onClick={dialog.openNew} data-testid="add-to-segment">
        {t('segments.addTo.button')}
      </Button>
      <SaveDialog<never, { segmentId: number }>
        dialog={dialog}
        title={t('segments.addTo.title', { count: ids.length })}
        savedMessage={false}
        saveTestId="add-to-segment-save"
        onSave={async ({ segmentId }) => {
          const result = await add.mutateAsync({ id: segmentId, ids });
          message.success(t('segments.added', { added: result.added, already: result.alreadyMembers }));
          onAdded?.();
        }}
      >
        <Form.Item name="segmentId" label={t('segments.segment')} rules={required.value}>
          <SegmentSelect entity={entity} kind="static" data-testid="add-to-segment-select" />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
