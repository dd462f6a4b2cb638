import { describe, expect, it } from 'vitest';
import { parseResetDuration, readRateLimitHeaders } from '../../src/http/read-rate-limit-headers.ts';

describe('readRateLimitHeaders', () => {
  it("should read OpenAI's remaining counts, and the reset only of a count that ran out", () => {
    // As on a real OpenAI answer: limits, remaining counts and Go-style reset durations.
    const headers = {
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-limit-tokens': '160000',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-remaining-tokens': '159976',
      'x-ratelimit-reset-requests': '6m0s',
      'x-ratelimit-reset-tokens': '9ms',
    };
    expect(readRateLimitHeaders(headers)).toEqual({ remainingRequests: 0, resetRequestsMs: 360_000, remainingTokens: 159_976 });
    expect(readRateLimitHeaders({ ...headers, 'x-ratelimit-remaining-requests': '4999', 'x-ratelimit-remaining-tokens': '0' })).toEqual({ remainingRequests: 4999, remainingTokens: 0, resetTokensMs: 9 });
  });

  it("should read Azure's seconds and its old hyphenated reset, and keep its -1 as sent", () => {
    expect(readRateLimitHeaders({ 'x-ratelimit-remaining-tokens': '0', 'x-rate-limit-reset-tokens': '20' })).toEqual({ remainingTokens: 0, resetTokensMs: 20_000 });
    expect(readRateLimitHeaders({ 'x-ratelimit-remaining-tokens': '-1', 'x-ratelimit-reset-tokens': '0' })).toEqual({ remainingTokens: -1 });
    expect(readRateLimitHeaders({ 'x-ratelimit-remaining-requests': 'lots' })).toBeUndefined();
    expect(readRateLimitHeaders({ 'content-type': 'application/json' })).toBeUndefined();
  });

  it('should parse durations the way OpenAI writes them', () => {
    expect(parseResetDuration('12ms')).toBe(12);
    expect(parseResetDuration('1s')).toBe(1000);
    expect(parseResetDuration('1.5s')).toBe(1500);
    expect(parseResetDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseResetDuration('2m')).toBe(120_000);
    expect(parseResetDuration('30')).toBe(30_000);
    expect(parseResetDuration('soon')).toBeUndefined();
    expect(parseResetDuration('-5s')).toBeUndefined();
    expect(parseResetDuration(undefined)).toBeUndefined();
  });
});
