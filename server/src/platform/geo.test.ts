import { describe, expect, it } from 'vitest';
import { distanceKm } from './geo.ts';

describe('distanceKm', () => {
  it('measures great-circle distances', () => {
    const hangzhou = { latitude: 30.2741, longitude: 120.1551 };
    const shanghai = { latitude: 31.2304, longitude: 121.4737 };
    const beijing = { latitude: 39.9042, longitude: 116.4074 };
    expect(distanceKm(hangzhou, hangzhou)).toBe(0);
    expect(distanceKm(hangzhou, shanghai)).toBeGreaterThan(160);
    expect(distanceKm(hangzhou, shanghai)).toBeLessThan(175);
    expect(distanceKm(hangzhou, beijing)).toBeGreaterThan(1100);
    expect(distanceKm(hangzhou, beijing)).toBeLessThan(1140);
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * 6371, 0);
  });
});
