import lunar from 'lunar-javascript';

/**
 * The Chinese lunar calendar (农历) and the 24 solar terms (节气), from lunar-javascript: the lunar
 * date of a solar day, the solar day of a lunar date, and the solar term that begins on a day.
 */
const { Solar, Lunar, LunarYear, LunarMonth } = lunar;

export type LunarDay = { month: number; day: number; leap: boolean };

const solarOf = (date: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Solar.fromYmd(year, month, day);
};

/** The lunar date of a solar day (YYYY-MM-DD). */
export function lunarOf(solarDate: string): LunarDay & { year: number } {
  const date = solarOf(solarDate).getLunar();
  return { year: date.getYear(), month: Math.abs(date.getMonth()), day: date.getDay(), leap: date.getMonth() < 0 };
}

/** The leap month of a lunar year (0 when it has none). */
export const leapMonthOf = (lunarYear: number) => LunarYear.fromYear(lunarYear).getLeapMonth();

/** The solar day (YYYY-MM-DD) of a lunar date; a 30th falls on the 29th of a month that has only 29 days. */
export function solarOfLunar(year: number, { month, day, leap }: LunarDay): string {
  const lunarMonth = leap ? -month : month;
  const days = LunarMonth.fromYm(year, lunarMonth)?.getDayCount() ?? 29;
  return Lunar.fromYmd(year, lunarMonth, Math.min(day, days)).getSolar().toYmd();
}

/** The solar term (in Chinese, e.g. 立春) that begins on a day, or null. */
export function solarTermOn(solarDate: string): string | null {
  return solarOf(solarDate).getLunar().getJieQi() || null;
}
