import { createRequire } from 'node:module';
import type { Locale, Translate } from '@relate/common';
import i18next, { type i18n } from 'i18next';

const require = createRequire(import.meta.url);
let instance: i18n | null = null;

/**
 * The product's words in a reader's language, as the web app has them (the same locale files, through
 * i18next): for what the server writes for someone to read later, such as a report sent by email.
 * The files are read when first needed.
 */
export function wordsIn(locale: Locale): Translate {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: {
        'zh-CN': { translation: require('@relate/common/locales/zh-CN.json') },
        en: { translation: require('@relate/common/locales/en.json') },
      },
      lng: 'zh-CN',
      fallbackLng: 'zh-CN',
      initAsync: false,
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
  }
  const t = instance.getFixedT(locale);
  return (key, options) => String(t(key, options as never));
}
