import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '@relate/common/locales/en.json';
import zhCN from '@relate/common/locales/zh-CN.json';

const stored = localStorage.getItem('relate.locale');
export const initialLocale =
  stored === 'en' || stored === 'zh-CN' ? stored : navigator.language.startsWith('en') ? 'en' : 'zh-CN';

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLocale,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  // No notice in the console of every visitor.
  showSupportNotice: false,
});

export { i18n };
