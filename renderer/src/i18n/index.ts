import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { accessEn, accessZh } from './access';
import { benchmarkEn, benchmarkZh } from './benchmark';
import { criteriaLibEn, criteriaLibZh } from './criteriaLib';
import { en } from './en';
import { listsEn, listsZh } from './lists';
import { overviewEn, overviewZh } from './overview';
import { packageEn, packageZh } from './package';
import { refreshZh } from './refresh';
import { refreshEn } from './refresh.en';
import { requestsEn, requestsZh } from './requests';
import { shortlistEn, shortlistZh } from './shortlist';
import { viewsEn, viewsZh } from './views';
import { zhCN } from './zh-CN';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** English must have every key the Chinese messages have (checked by the compiler). */
export type Messages = DeepStrings<typeof zhCN>;

const LANG_KEY = 'champion-pool-lang';
export type Lang = 'zh-CN' | 'en';

export function savedLanguage(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

export function initI18n(lang: Lang = savedLanguage()) {
  document.documentElement.lang = lang;
  void i18next.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: { ...zhCN, benchmark: benchmarkZh, overview: overviewZh, criteriaLib: criteriaLibZh, shortlist: shortlistZh, refresh: refreshZh, access: accessZh, views: viewsZh, requests: requestsZh, lists: listsZh, package: packageZh } },
      en: { translation: { ...en, benchmark: benchmarkEn, overview: overviewEn, criteriaLib: criteriaLibEn, shortlist: shortlistEn, refresh: refreshEn, access: accessEn, views: viewsEn, requests: requestsEn, lists: listsEn, package: packageEn } },
    },
    lng: lang,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18next;
}
