import { describe, expect, it } from 'vitest';
import { capacityCostNano, capacityTokens } from '../../src/metering/capacity-cost.ts';
import { formatNanoUsd, parseDecimal, toCost, usdToNano } from '../../src/metering/nano-usd.ts';
import { parseReportTime } from '../../src/metering/parse-report-time.ts';

describe('nano-USD amounts', () => {
  it('should parse decimals exactly, without floating-point error', () => {
    expect(usdToNano(0.01875)).toBe(18_750_000n);
    expect(usdToNano(0.1 + 0.2)).toBe(300_000_000n); // 0.30000000000000004 rounds at the nano
    expect(usdToNano(1e-7)).toBe(100n);
    expect(usdToNano('12.3456789019')).toBe(12_345_678_902n);
    expect(usdToNano('-0.5')).toBe(-500_000_000n);
    expect(parseDecimal(2.5, 0)).toBe(3n);
    expect(() => usdToNano('12,50')).toThrow(RangeError);
    expect(() => usdToNano(Number.NaN)).toThrow(RangeError);
  });

  it('should format exact decimals for display', () => {
    expect(formatNanoUsd(1_234_567_891n)).toBe('1.234567891');
    expect(formatNanoUsd(1_234_567_891n, 2)).toBe('1.23');
    expect(formatNanoUsd(12_500n, 6)).toBe('0.000013');
    expect(formatNanoUsd(-5_000_000n, 2)).toBe('-0.01');
    expect(formatNanoUsd(0n, 0)).toBe('0');
  });

  it('should make a Cost with the integer beside the display number', () => {
    expect(toCost(4_000_000n)).toEqual({ usd: 0.004, nanoUsd: 4_000_000 });
    expect(() => toCost(2n ** 60n)).toThrow(RangeError);
  });
});

describe('capacity cost', () => {
  const ptu = { type: 'provisioned' as const, units: 50, hourlyUsdPerUnit: 2, tokensPerMinutePerUnit: 2500 };
  const gpus = { type: 'gpu-hours' as const, gpus: 8, hourlyUsdPerGpu: 2.21, tokensPerSecondPerGpu: 1500 };
  const start = Date.UTC(2026, 10, 1);

  it('should charge units × hourly rate × hours of the period, served or not', () => {
    expect(capacityCostNano(ptu, start, start, start + 3_600_000)).toBe(100_000_000_000n);
    expect(capacityCostNano(gpus, start, start, start + 86_400_000)).toBe(424_320_000_000n); // 8 × 2.21 × 24
    expect(capacityCostNano(gpus, start, start, start + 1)).toBe(4_911n); // 17.68 USD/h for 1 ms, rounded
  });

  it('should split a period into slices that add up exactly', () => {
    const end = start + 7 * 86_400_000 + 12_345_677;
    let sum = 0n;
    for (let from = start; from < end; from += 3_333_331) sum += capacityCostNano(gpus, start, from, Math.min(end, from + 3_333_331));
    expect(sum).toBe(capacityCostNano(gpus, start, start, end));
  });

  it('should know the capacity in tokens only when a throughput is configured', () => {
    expect(capacityTokens(ptu, 60_000)).toBe(125_000);
    expect(capacityTokens(gpus, 1000)).toBe(12_000);
    expect(capacityTokens({ type: 'provisioned', units: 1, hourlyUsdPerUnit: 1 }, 60_000)).toBeNull();
  });
});

describe('report times', () => {
  const now = Date.UTC(2026, 10, 20, 12);
  it('should read ISO dates as UTC and relative spans back from now', () => {
    expect(parseReportTime('2026-11-01', now)).toBe(Date.UTC(2026, 10, 1));
    expect(parseReportTime('2026-11-01T10:30:00', now)).toBe(Date.UTC(2026, 10, 1, 10, 30));
    expect(parseReportTime('2026-11-01T10:30:00+02:00', now)).toBe(Date.UTC(2026, 10, 1, 8, 30));
    expect(parseReportTime('7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseReportTime('24h', now)).toBe(now - 86_400_000);
    expect(parseReportTime('2026-02-30', now)).toBeNull();
    expect(parseReportTime('last week', now)).toBeNull();
  });
});
