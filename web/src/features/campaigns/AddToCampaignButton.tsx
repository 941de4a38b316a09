import { NotificationOutlined } from '@ant-design/icons';
import { type CampaignMemberEntity, type CampaignMemberStatus, campaignMemberStatuses } from '@relate/common';
import { App, Button, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { CampaignSelect } from './CampaignSelect';
import { useAddCampaignMembers } from './queries';

type Values = { campaignId: number; status: CampaignMemberStatus };

/** A list's bulk action: adds the selected leads, contacts or customers to a campaign. */
export function AddToCampaignButton({
  entity,
  ids,
  onAdded,
}: {
  entity: CampaignMemberEntity;
  ids: number[];
  onAdded?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const required = useRequired();
  const dialog = useSaveDialog<never>();
  const add = useAddCampaignMembers();
  if (!can('campaigns.manage')) return null;
  return (
    <>
      <Button icon={<NotificationOutlined />} onClick={dialog.openNew} data-testid="add-to-campaign">
        {t('campaigns.addTo.button')}
      </Button>
      <SaveDialog<never, Values>
        dialog={dialog}
        title={t('campaigns.addTo.title', { count: ids.length })}
        initialValues={{ status: 'planned' }}
        savedMessage={false}
        saveTestId="add-to-campaign-save"
        onSave={async ({ campaignId, status }) => {
          const result = await add.mutateAsync({ id: campaignId, body: { entity, ids, status } });
          message.success(t('campaigns.addTo.done', { added: result.added, already: result.alreadyMembers }));
          onAdded?.();
        }}
      >
        <Form.Item name="campaignId" label={t('campaigns.addTo.campaign')} rules={required.value}>
          <CampaignSelect data-testid="add-to-campaign-select" />
        </Form.Item>
        <Form.Item name="status" label={t('campaigns.addTo.status')}>
          <Select
            options={campaignMemberStatuses.map((s) => ({ value: s, label: t(`campaigns.members.statuses.${s}`) }))}
          />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
