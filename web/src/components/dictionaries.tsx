import type { DictionaryOption, DictionaryType } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { api } from '../app/api';
import { useSession } from '../app/session';

export const dictionaryKeys = { options: (type: string) => ['dictionaries', type] as const };

export function useDictionary(type: DictionaryType) {
  return useQuery({
    queryKey: dictionaryKeys.options(type),
    queryFn: () => api.get<DictionaryOption[]>(`/api/v1/dictionaries/${type}/options`),
    staleTime: 5 * 60_000,
  });
}

export function useDictionaryLabel(type: DictionaryType) {
  const { data = [] } = useDictionary(type);
  const { locale } = useSession();
  return (code: string | null | undefined) => {
    if (!code) return '';
    const option = data.find((o) => o.code === code);
    return option ? (locale === 'en' ? option.labelEn : option.labelZh) : code;
  };
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
