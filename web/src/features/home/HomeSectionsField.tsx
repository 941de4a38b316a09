import { defaultHomeSections, type HomeSectionCode, homeSectionCodes, homeSectionPermissions } from '@relate/common';
import { Checkbox, Empty, Form, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDashboardWords } from '../dashboards/DashboardFigures';
import { useHomeDashboardChoices } from '../dashboards/queries';

type Props = {
  value?: HomeSectionCode[] | null;
  onChange?: (value: HomeSectionCode[] | null) => void;
  disabled?: boolean;
  /** The role being edited (no id while new): its code and the permissions ticked so far. */
  role: { id?: number; code: string | null; permissions: string[] };
};

/**
 * The sections a role's holders see on their home page: the default ones (from the role's built-in code or
 * permissions), or those an administrator ticks. A section needing a permission the role lacks cannot be chosen.
 */
function HomeSectionsInput({ value, onChange, disabled, role }: Props) {
  const { t } = useTranslation();
  const defaults = defaultHomeSections(role);
  const label = (code: HomeSectionCode) => t(`homeSections.sections.${code}`);
  const allowed = (code: HomeSectionCode) => homeSectionPermissions[code].every((p) => role.permissions.includes(p));
  const chosen = value ?? null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Checkbox
        checked={chosen === null}
        disabled={disabled}
        data-testid="home-sections-default"
        onChange={(e) => onChange?.(e.target.checked ? null : defaults.filter(allowed))}
      >
        {t('homeSections.editor.useDefault')}
      </Checkbox>
      {chosen === null ? (
        <Typography.Text type="secondary">
          {t('homeSections.editor.defaultHint', { sections: defaults.filter(allowed).map(label).join('、') || '-' })}
        </Typography.Text>
      ) : (
        <Select
          mode="multiple"
          disabled={disabled}
          data-testid="home-sections-select"
          placeholder={t('homeSections.editor.choose')}
          value={chosen}
          onChange={(codes: HomeSectionCode[]) => onChange?.(homeSectionCodes.filter((c) => codes.includes(c)))}
          options={homeSectionCodes.map((code) => ({
            value: code,
            label: label(code),
            disabled: !allowed(code) && !chosen.includes(code),
            title: allowed(code) ? undefined : t('homeSections.editor.needs'),
          }))}
          optionFilterProp="label"
        />
      )}
    </Space>
  );
}

/**
 * The dashboard a role's holders see on their home page: a built-in one, or one shared with the role.
 * One chosen before and no longer shared with the role stays chosen, marked, until it is changed.
 */
function HomeDashboardInput({
  value,
  onChange,
  disabled,
  roleId,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  disabled?: boolean;
  roleId: number | undefined;
}) {
  const { t } = useTranslation();
  const { nameOf } = useDashboardWords();
  const choices = useHomeDashboardChoices(roleId);
  const list = choices.data ?? [];
  const gone = value != null && choices.data !== undefined && !list.some((d) => d.id === value);
  const groups = [
    { label: t('dashboards.groups.builtin'), items: list.filter((d) => d.builtin) },
    { label: t('homeSections.editor.sharedWithRole'), items: list.filter((d) => !d.builtin) },
  ].filter((group) => group.items.length);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        disabled={disabled}
        loading={choices.isLoading}
        aria-label={t('homeSections.editor.dashboard')}
        placeholder={t('homeSections.editor.noDashboard')}
        value={value ?? undefined}
        // Cleared, the role shows no dashboard (null, which the server keeps; undefined would change nothing).
        onChange={(id: number | undefined) => onChange?.(id ?? null)}
        notFoundContent={
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homeSections.editor.noChoices')} />
        }
        options={[
          ...groups.map((group) => ({
            label: group.label,
            options: group.items.map((d) => ({
              value: d.id,
              label: d.builtin ? nameOf(d) : `${d.name} · ${d.ownerName ?? ''}`,
            })),
          })),
          ...(gone ? [{ value, label: t('homeSections.editor.dashboardGone') }] : []),
        ]}
      />
      {gone && <Typography.Text type="warning">{t('homeSections.editor.dashboardGoneHint')}</Typography.Text>}
    </Space>
  );
}

/**
 * The role editor's "home page" fields: the sections (`homeSections`; null: the default ones) and a
 * dashboard (`homeDashboardId`; null: none).
 */
export function HomeSectionsField({ role }: { role: Props['role'] }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={5}>{t('homeSections.editor.title')}</Typography.Title>
      <Form.Item name="homeSections">
        <HomeSectionsInput role={role} />
      </Form.Item>
      <Form.Item
        name="homeDashboardId"
        label={t('homeSections.editor.dashboard')}
        extra={t('homeSections.editor.dashboardHint')}
      >
        <HomeDashboardInput roleId={role.id} />
      </Form.Item>
    </>
  );
}
