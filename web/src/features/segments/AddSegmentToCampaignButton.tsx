import { TeamOutlined } from '@ant-design/icons';
import { App, Button, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useAddSegmentToCampaign } from './queries';
import { SegmentSelect } from './SegmentSelect';

/**
 * The campaign page's "add members from a segment": the segment's members as the user sees them now are
 * added to the campaign (a snapshot; those already in it stay as they are).
 */
export function AddSegmentToCampaignButton({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const required = useRequired();
  const dialog = useSaveDialog<never>();
  const add = useAddSegmentToCampaign();
  if (!can('campaigns.manage') || !can('segments.view')) return null;
  return (
    <>
      <Button icon={<TeamOutlined />} onClick={dialog.openNew} data-testid="campaign-add-segment">
        {t('segments.toCampaign.button')}
      </Button>
      <SaveDialog<never, { segmentId: number }>
        dialog={dialog}
        title={t('segments.toCampaign.title')}
        savedMessage={false}
        saveTestId="campaign-add-segment-save"
        onSave={async ({ segmentId }) => {
          const result = await add.mutateAsync({ campaignId, segmentId });
          message.success(t('segments.added', { added: result.added, already: result.alreadyMembers }));
        }}
      >
        <Typography.Paragraph type="secondary">{t('segments.toCampaign.hint')}</Typography.Paragraph>
        <Form.Item name="segmentId" label={t('segments.segment')} rules={required.value}>
          <SegmentSelect data-testid="campaign-add-segment-select" />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
