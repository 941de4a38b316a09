import type { DemandForecastMethod, DemandForecastSeries } from '@relate/common';
import { demandForecastBacktestMonths, demandForecastHorizon } from '@relate/common';
import { createRequire } from 'node:module';
import path from 'node:path';
import { quantityText } from '../../platform/quantity.ts';

/**
 * The forecasting method of the demand forecast, with no database: a series of monthly quantities in,
 * the next months out. The models are fitted by the `arima` package (the C library ctsa compiled to
 * WebAssembly): SARIMA(1,0,0)(1,0,0)₁₂ for a series of two seasons or more, ARIMA(1,0,1) for a shorter one.
 * Measured on 320 made-up series (seasonal, seasonal with a trend, flat with noise, sparse; 24 and 36
 * months, 6 months ahead) against the models the package offers: its AutoARIMA forecast a seasonal series
 * as zeros; seasonal differencing (D = 1) needs 36 months before it fits at all; SARIMA(1,0,0)(1,0,0)₁₂ by
 * exact likelihood with BFGS was within a few percent of the best on every kind (mean absolute error
 * 2.85 seasonal, 3.72 with a trend, 3.17 flat, 4.56 sparse; seasonal naive 2.75, 5.76, 3.99, 5.24) at
 * 3.4 ms a fit. ARIMA(1,0,1) under two seasons stays near the level of a flat or sparse series (3.27 and
 * 4.70 at 24 months, the mean 2.98 and 4.64), where a random walk's (0,1,1) followed the last spike.
 */

type Arima = {
  new (options: Record<string, number | boolean>): {
    train(ts: number[]): { predict(steps: number): [number[], number[]]; destroy(): void };
  };
};

let arima: Arima | undefined;

/**
 * The package's module, loaded once on first use with its C library's printing turned off: the library
 * writes remarks such as "non-stationary seasonal AR part" to standard output, which is the server's log.
 * The package's own entry loads the same two files with printing left on.
 */
function loadArima(): Arima {
  if (arima) return arima;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('arima'));
  const createModule = require(path.join(dir, 'wasm/native-sync.js')) as (options: object) => unknown;
  const wasmBinary = require(path.join(dir, 'wrapper/native.bin.js')) as Uint8Array;
  const load = require(path.join(dir, 'load.js')) as (module: unknown) => Arima;
  const silent = () => {};
  arima = load(createModule({ wasmBinary, print: silent, printErr: silent }));
  return arima;
}

const season = 12;
/** SARIMA wants at least two seasons; ARIMA(1,0,1) at least ten values (the package refuses fewer). */
const seasonalFrom = 2 * season;
const arimaFrom = 10;
const seasonalModel = { p: 1, d: 0, q: 0, P: 1, D: 0, Q: 0, s: season, method: 0, optimizer: 5, verbose: false };
const shortModel = { p: 1, d: 0, q: 1, method: 0, optimizer: 5, verbose: false };
/** The 80 % interval: 1.2816 standard errors either side. */
const z80 = 1.2816;

type Point = { quantity: number; low?: number; high?: number };
/** Fits a model to a series and forecasts `steps` ahead; null when it cannot. */
export type Fitter = (series: number[], options: Record<string, number | boolean>, steps: number) => Point[] | null;
export type Forecast = { method: DemandForecastMethod; points: Point[] };

/**
 * Fits one model, on the series scaled to a mean of one (the fit lost tiny quantities, 0.001 to 0.012, to
 * zeros unscaled). Null when the library refuses or gives anything but finite numbers (it gives NaN for
 * a series that repeats exactly).
 */
function fit(series: number[], options: Record<string, number | boolean>, steps: number): Point[] | null {
  const scale = series.reduce((sum, v) => sum + v, 0) / series.length;
  if (!(scale > 0)) return null;
  const exitCode = process.exitCode;
  try {
    const Model = loadArima();
    const model = new Model(options).train(series.map((v) => v / scale));
    try {
      const [predicted, meanSquared] = model.predict(steps);
      if (!predicted.every(Number.isFinite)) return null;
      return predicted.map((value, i) => {
        const spread = Number.isFinite(meanSquared[i]) && meanSquared[i] >= 0 ? Math.sqrt(meanSquared[i]) : null;
        return spread === null
          ? { quantity: value * scale }
          : { quantity: value * scale, low: (value - z80 * spread) * scale, high: (value + z80 * spread) * scale };
      });
    } finally {
      model.destroy();
    }
  } catch {
    return null;
  } finally {
    // The library's exit() (none seen, but it is C) sets the process's exit code before it throws.
    process.exitCode = exitCode;
  }
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * The rule: the series counts from its first month with a quantity (months before a product was first
 * sold are not demand of zero). Nothing sold: zero. Two seasons (24 months) or more: SARIMA(1,0,0)(1,0,0)₁₂,
 * or, when it cannot be fitted, the same month a season before (seasonal naive). 10 to 23 months:
 * ARIMA(1,0,1), or the mean when it cannot be fitted. Fewer: the mean of those months. Never below zero.
 */
export function forecastOf(quantities: number[], steps: number, fitted: Fitter = fit): Forecast {
  const first = quantities.findIndex((v) => v !== 0);
  if (first < 0) return { method: 'none', points: Array.from({ length: steps }, () => ({ quantity: 0 })) };
  const series = quantities.slice(first);
  const average = (): Forecast => ({
    method: 'average',
    points: Array.from({ length: steps }, () => ({ quantity: mean(series) })),
  });
  let forecast: Forecast;
  if (series.length >= seasonalFrom) {
    const points = fitted(series, seasonalModel, steps);
    forecast = points
      ? { method: 'seasonal', points }
      : {
          method: 'seasonalNaive',
          points: Array.from({ length: steps }, (_, i) => ({
            quantity: series[series.length - season + (i % season)],
          })),
        };
  } else if (series.length >= arimaFrom) {
    const points = fitted(series, shortModel, steps);
    forecast = points ? { method: 'arima', points } : average();
  } else forecast = average();
  const floor = (v: number | undefined) => (v === undefined ? undefined : Math.max(0, v));
  return {
    method: forecast.method,
    points: forecast.points.map((p) => ({ quantity: floor(p.quantity)!, low: floor(p.low), high: floor(p.high) })),
  };
}

/** Fits are pure functions of the series: the last few thousand are kept, so paging and sorting refit nothing. */
const remembered = new Map<string, Forecast>();
const rememberedAtMost = 5000;

function rememberedForecast(quantities: number[], steps: number): Forecast {
  const key = `${steps}|${quantities.join(',')}`;
  const known = remembered.get(key);
  if (known) return known;
  const forecast = forecastOf(quantities, steps);
  if (remembered.size >= rememberedAtMost) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, forecast);
  return forecast;
}

/** The months of `count` from `first` ("2026-01"), as labels. */
export function monthsFrom(first: string, count: number): string[] {
  const [year, month] = first.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + month - 1 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * Rounds a forecast in units to thousandths of a unit, or to whole units when every quantity of the
 * history was whole (pieces are forecast in pieces, kilograms to the gram).
 */
function roundingOf(historyMilli: number[]) {
  const whole = historyMilli.every((v) => v % 1000 === 0);
  return (units: number) => (whole ? Math.round(units) * 1000 : Math.round(units * 1000));
}

/**
 * The next `demandForecastHorizon` months of a series, fitted on its last `months` months, and the same
 * rule fitted on the `months` months before the last six, forecasting those six in one go (a six-step
 * forecast from one origin, so its last three months are further ahead than anything the forecast shows).
 * Errors are of the rounded figures shown: MAE over the six months, MAPE over those with a quantity.
 * `milli` holds `months + 6` months of quantities in thousandths, oldest first, from `firstMonth`.
 */
export function demandSeries(
  milli: number[],
  firstMonth: string,
  months: number,
  options: { backtest: boolean } = { backtest: true },
): DemandForecastSeries {
  const back = demandForecastBacktestMonths;
  const labels = monthsFrom(firstMonth, milli.length + demandForecastHorizon);
  const history = milli.slice(back);
  const round = roundingOf(history);
  const units = (values: number[]) => values.map((v) => v / 1000);
  const ahead = rememberedForecast(units(history), demandForecastHorizon);
  const forecast = ahead.points.map((p, i) => ({
    month: labels[milli.length + i],
    quantity: quantityText(round(p.quantity)),
    ...(p.low !== undefined && p.high !== undefined
      ? { low: quantityText(round(p.low)), high: quantityText(round(p.high)) }
      : {}),
  }));
  const result: DemandForecastSeries = {
    history: history.map((v, i) => ({ month: labels[back + i], quantity: quantityText(v) })),
    forecast,
    backtest: [],
    mape: null,
    mae: '0',
    method: ahead.method,
    backtestMethod: ahead.method,
  };
  if (!options.backtest) return result;
  const tested = rememberedForecast(units(milli.slice(0, months)), back);
  const predicted = tested.points.map((p) => round(p.quantity));
  const actual = milli.slice(months);
  const errors = errorsOf(actual, predicted);
  return {
    ...result,
    backtest: actual.map((v, i) => ({
      month: labels[months + i],
      actual: quantityText(v),
      forecast: quantityText(predicted[i]),
    })),
    mape: errors.mape,
    mae: quantityText(errors.maeMilli),
    backtestMethod: tested.method,
  };
}

/**
 * MAE (thousandths, rounded) over every month; MAPE in percent to one decimal over the months whose
 * actual quantity is not zero (a percentage of nothing is no figure), null when there is none.
 */
export function errorsOf(actualMilli: number[], forecastMilli: number[]): { maeMilli: number; mape: number | null } {
  const misses = actualMilli.map((a, i) => Math.abs(a - forecastMilli[i]));
  const maeMilli = Math.round(mean(misses));
  const relative = actualMilli.flatMap((a, i) => (a === 0 ? [] : [misses[i] / Math.abs(a)]));
  const mape = relative.length ? Math.round(mean(relative) * 1000) / 10 : null;
  return { maeMilli, mape };
}

/** The next months' forecast of a series added up, in thousandths: what the list sorts by (no backtest). */
export function forecastTotalMilli(milli: number[]): number {
  const series = demandSeries(milli, '2000-01', milli.length - demandForecastBacktestMonths, { backtest: false });
  return series.forecast.reduce((sum, p) => sum + Math.round(Number(p.quantity) * 1000), 0);
}
