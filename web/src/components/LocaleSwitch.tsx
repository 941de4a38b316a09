import type { Locale } from '@relate/common';
import { Segmented } from 'antd';
import { useSession } from '../app/session';

/**
 * The language switch of the pages outside the app's own frame (sign-in, portal, public forms). It changes
 * the session's language unless the page changes it its own way.
 */
export function LocaleSwitch({ onChange }: { onChange?: (locale: Locale) => Promise<void> }) {
  const { locale, setLocale } = useSession();
  const change = onChange ?? setLocale;
  return (
    <Segmented
      size="small"
      value={locale}
      onChange={(v) => void change(v as Locale)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
