import { type DictionaryType, labelOfCode } from '@relate/common';
import { Select, type SelectProps, Tag } from 'antd';
import { useSession } from '../app/session';
import { useDictionary } from './queries';

export { dictionaryKeys, useDictionary } from './queries';

export { labelOfCode };

export function useDictionaryLabel(type: DictionaryType) {
  const { data = [] } = useDictionary(type);
  const { locale } = useSession();
  return (code: string | null | undefined) => (code ? labelOfCode(data, code, locale) : '');
}

export function DictionaryTag({ type, code }: { type: DictionaryType; code: string | null }) {
  const { data = [] } = useDictionary(type);
  const label = useDictionaryLabel(type);
  if (!code) return null;
  const color = data.find((o) => o.code === code)?.color ?? undefined;
  return <Tag color={color}>{label(code)}</Tag>;
}

export function DictionarySelect({ type, ...props }: { type: DictionaryType } & SelectProps) {
  const { data = [] } = useDictionary(type);
  const { locale } = useSession();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={data
        .filter((o) => o.enabled)
        .map((o) => ({ value: o.code, label: locale === 'en' ? o.labelEn : o.labelZh }))}
      {...props}
    />
  );
}
