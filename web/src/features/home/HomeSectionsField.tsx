import { defaultHomeSections, type HomeSectionCode, homeSectionCodes, homeSectionPermissions } from '@relate/common';
import { Checkbox, Form, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  value?: HomeSectionCode[] | null;
  onChange?: (value: HomeSectionCode[] | null) => void;
  disabled?: boolean;
  /** The role being edited: its code and the permissions ticked so far. */
  role: { code: string | null; permissions: string[] };
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

/** The role editor's "home page" field (`homeSections`; null: the default sections). */
export function HomeSectionsField({ role }: { role: Props['role'] }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={5}>{t('homeSections.editor.title')}</Typography.Title>
      <Form.Item name="homeSections">
        <HomeSectionsInput role={role} />
      </Form.Item>
    </>
  );
}
