import { describe, expect, it } from 'vitest';
import { detectDrift } from '../../src/versions/detect-drift.ts';
import { normalizeModelVersion } from '../../src/versions/normalize-model-version.ts';

describe('detectDrift', () => {
  it('should report a different dated snapshot as drift', () => {
    expect(detectDrift('gpt-4o-2024-08-06', 'gpt-4o-2024-11-20')).toEqual({ pin: 'gpt-4o-2024-08-06', served: 'gpt-4o-2024-11-20' });
  });

  it('should report another Claude snapshot as drift', () => {
    expect(detectDrift('claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20251120')).toEqual({ pin: 'claude-sonnet-4-5@20250929', served: 'claude-sonnet-4-5-20251120' });
  });

  it('should report a different stable Gemini version as drift', () => {
    expect(detectDrift('gemini-2.0-flash-001', 'gemini-2.0-flash-002')).toEqual({ pin: 'gemini-2.0-flash-001', served: 'gemini-2.0-flash-002' });
  });

  it.each([
    ['gpt-4o-2024-08-06', 'GPT-4o-2024-08-06'],
    ['gpt-4o-2024-08-06', ' gpt-4o-2024-08-06 '],
    ['gemini-2.0-flash-001', 'models/gemini-2.0-flash-001'],
    ['gemini-2.0-flash-001', 'publishers/google/models/gemini-2.0-flash-001'],
    ['gemini-2.0-flash-001', 'projects/acme/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001'],
    ['publishers/google/models/gemini-2.0-flash-001', 'gemini-2.0-flash-001'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['gpt-35-turbo-0125', 'gpt-35-turbo'],
    // Vertex pins Claude as @YYYYMMDD; the response's model spells the date with a dash.
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
    ['publishers/anthropic/models/claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ['claude-opus-4-6', 'claude-opus-4-6'],
  ])('should not report the harmless difference between %s and %s', (pin, served) => {
    expect(detectDrift(pin, served)).toBeUndefined();
  });

  it('should still report another model family that shares a prefix', () => {
    expect(detectDrift('gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18')).toBeDefined();
    expect(detectDrift('gpt-4o-2024-08-06', 'gpt-4')).toBeDefined();
  });

  it('should report nothing without a pin or a served version', () => {
    expect(detectDrift(undefined, 'gpt-4o-2024-11-20')).toBeUndefined();
    expect(detectDrift('gpt-4o-2024-08-06', undefined)).toBeUndefined();
    expect(detectDrift('gpt-4o-2024-08-06', '')).toBeUndefined();
  });
});

describe('normalizeModelVersion', () => {
  it('should keep slashes that are part of a Hugging Face id', () => {
    expect(normalizeModelVersion('meta-llama/Llama-3.3-70B-Instruct')).toBe('meta-llama/llama-3.3-70b-instruct');
  });
});
