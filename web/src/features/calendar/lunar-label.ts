import type { LunarDate } from '@relate/common';
import type { TFunction } from 'i18next';

// The names of the lunar calendar's months and days, as Chinese calendars print them.
const monthNames = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const tens = ['初', '十', '廿', '三'];
const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 初一 … 初十, 十一 … 二十, 廿一 … 三十. */
export function lunarDayName(day: number): string {
  if (day === 10) return '初十';
  if (day === 20) return '二十';
  if (day === 30) return '三十';
  return tens[Math.floor(day / 10)] + digits[day % 10];
}

/** 正月, 闰六月, 腊月. */
export function lunarMonthName({ month, leap }: Pick<LunarDate, 'month' | 'leap'>): string {
  return `${leap ? '闰' : ''}${monthNames[month - 1]}月`;
}

/** "农历八月十五" or "Lunar 8/15" ("Lunar leap 6/10"). */
export function lunarLabel(t: TFunction, lunar: LunarDate): string {
  return t(lunar.leap ? 'lunarCalendar.leapDate' : 'lunarCalendar.date', {
    month: lunar.month,
    day: lunar.day,
    monthName: lunarMonthName(lunar),
    dayName: lunarDayName(lunar.day),
  });
}

/** Under a day number: the solar term beginning that day, else the month's name on its first day, else the day's name. */
export function lunarDayCaption(
  t: TFunction,
  chinese: boolean,
  { lunar, solarTerm }: { lunar: LunarDate; solarTerm: string | null },
): string {
  if (solarTerm) return chinese ? solarTerm : t(`lunarCalendar.solarTerms.${solarTerm}`, { defaultValue: solarTerm });
  if (!chinese) return `${lunar.leap ? 'L' : ''}${lunar.month}/${lunar.day}`;
  return lunar.day === 1 ? lunarMonthName(lunar) : lunarDayName(lunar.day);
}
