import { describe, expect, it } from 'vitest';
import { classifyModelVersion } from '../../src/versions/classify-model-version.ts';

describe('classifyModelVersion', () => {
  it.each([
    'gpt-4o',
    'gpt-4o-mini',
    'gpt-4.1',
    'gpt-5',
    'o3',
    'o1-preview',
    'gpt-4.5-preview',
    'gpt-4-turbo',
    'chatgpt-4o-latest',
    'gpt-5-chat-latest',
  ])('should classify the OpenAI alias %s as floating', (model) => {
    expect(classifyModelVersion(model, 'openai').kind).toBe('floating');
  });

  it.each([
    'gpt-4o-2024-08-06',
    'gpt-4.1-2025-04-14',
    'o3-2025-04-16',
    'gpt-4o-audio-preview-2024-12-17',
    'gpt-3.5-turbo-0125',
    'gpt-4-0613',
    'gpt-4-1106-preview',
    'gpt-4-1106-vision-preview',
    'gpt-35-turbo-0125',
    'text-embedding-ada-002',
    'text-embedding-3-small',
    'ft:gpt-4o-mini-2024-07-18:acme::9xYz1AbC',
  ])('should classify the OpenAI snapshot %s as snapshot', (model) => {
    expect(classifyModelVersion(model, 'openai').kind).toBe('snapshot');
  });

  it.each(['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.0-flash', 'gemini-3.5-flash', 'gemini-flash-latest', 'gemini-3-pro-preview', 'gemini-2.5-flash-image-preview'])(
    'should classify the Vertex id %s as floating',
    (model) => {
      expect(classifyModelVersion(model, 'vertex').kind).toBe('floating');
    },
  );

  it.each([
    'gemini-2.0-flash-001',
    'gemini-2.0-flash-lite-001',
    'gemini-1.5-pro-002',
    'text-embedding-005',
    'gemini-embedding-001',
    'multimodalembedding@001',
    'gemini-2.5-flash-preview-05-20',
    'gemini-2.5-flash-preview-09-2025',
    'gemini-2.0-flash-thinking-exp-01-21',
    'gemini-exp-1206',
    'publishers/google/models/gemini-2.0-flash-001',
  ])('should classify the Vertex id %s as snapshot', (model) => {
    expect(classifyModelVersion(model, 'vertex').kind).toBe('snapshot');
  });

  it('should classify Azure model versions with the OpenAI rules', () => {
    expect(classifyModelVersion('gpt-4o-2024-11-20', 'azure-openai').kind).toBe('snapshot');
    expect(classifyModelVersion('gpt-4o', 'azure-openai').kind).toBe('floating');
  });

  it.each([
    ['coreweave', 'meta-llama/Llama-3.3-70B-Instruct'],
    ['coreweave', 'deepseek-ai/DeepSeek-V3-0324'],
    ['oci', 'cohere.command-r-plus-08-2024'],
    ['my-gateway', 'gpt-4o'],
  ])('should classify %s ids as unknown (%s)', (type, model) => {
    const result = classifyModelVersion(model, type);
    expect(result.kind).toBe('unknown');
    expect(result.reason).toContain(type);
  });

  it('should say why an id floats', () => {
    expect(classifyModelVersion('chatgpt-4o-latest', 'openai').reason).toContain('-latest');
    expect(classifyModelVersion('gemini-2.5-flash', 'vertex').reason).toContain('auto-updated alias');
  });

  it.each(['claude-sonnet-4-5@20250929', 'claude-3-5-sonnet-v2@20241022', 'publishers/anthropic/models/claude-haiku-4-5@20251001'])('should classify the dated Claude id %s on Vertex as a snapshot', (model) => {
    expect(classifyModelVersion(model, 'vertex')).toEqual({ kind: 'snapshot', reason: 'a dated Claude snapshot (@YYYYMMDD)' });
  });

  it.each(['claude-opus-4-6', 'claude-sonnet-4-6', 'claude-sonnet-5'])('should flag the bare Claude id %s on Vertex as floating', (model) => {
    expect(classifyModelVersion(model, 'vertex')).toMatchObject({ kind: 'floating', reason: expect.stringContaining('a Claude id without @YYYYMMDD') });
  });
});
