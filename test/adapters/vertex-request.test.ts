import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { convertToVertexSchema, createVertex } from '../../adapters/vertex/index.ts';
import { UnsupportedFeatureError } from '../../src/errors/index.ts';
import { createVertexMock } from '../../src/testing/create-vertex-mock.ts';
import type { Warning } from '../../src/types/warning.ts';
import { network } from '../setup/network.ts';

const TOKEN = 'ya29.a0AfB_byDq-request-test-token-0123456789';
const vertex = () => createVertex({ project: 'acme-prod', location: 'us-central1', accessToken: TOKEN, env: {} });

describe('convertToVertexSchema', () => {
  it('should carry the OpenAPI subset and spell types the Vertex way', () => {
    const warnings: Warning[] = [];
    const schema = convertToVertexSchema(
      {
        type: 'object',
        title: 'Order',
        properties: {
          id: { type: 'integer', minimum: 1, maximum: 9007199254740991, description: 'order id' },
          tags: { type: 'array', items: { type: 'string', maxLength: 20 }, minItems: 1, maxItems: 5 },
          note: { type: ['string', 'null'] },
          status: { type: 'string', enum: ['open', 'closed'] },
          kind: { const: 'order' },
          when: { type: 'string', format: 'date-time', pattern: '^\\d{4}' },
          meta: { type: 'object', additionalProperties: { type: 'number' } },
          maybe: { anyOf: [{ type: 'number' }, { type: 'null' }] },
        },
        required: ['id', 'tags', 'ghost'],
        additionalProperties: false,
      },
      'responseFormat.schema',
      warnings,
    );
    expect(schema).toEqual({
      type: 'OBJECT',
      title: 'Order',
      properties: {
        id: { type: 'INTEGER', minimum: 1, maximum: 9007199254740991, description: 'order id' },
        tags: { type: 'ARRAY', items: { type: 'STRING', maxLength: 20 }, minItems: 1, maxItems: 5 },
        note: { type: 'STRING', nullable: true },
        status: { type: 'STRING', enum: ['open', 'closed'] },
        kind: { type: 'STRING', enum: ['order'] },
        when: { type: 'STRING', format: 'date-time', pattern: '^\\d{4}' },
        meta: { type: 'OBJECT', additionalProperties: { type: 'NUMBER' } },
        maybe: { type: 'NUMBER', nullable: true },
      },
      required: ['id', 'tags'],
      additionalProperties: false,
    });
    expect(warnings).toEqual([]);
  });

  it('should inline local $refs, merge allOf, and send oneOf as anyOf with a warning', () => {
    const warnings: Warning[] = [];
    const schema = convertToVertexSchema(
      {
        type: 'object',
        properties: {
          home: { $ref: '#/$defs/Address' },
          both: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'number' } }, required: ['b'] }] },
          shape: { oneOf: [{ type: 'object', properties: { r: { type: 'number' } } }, { type: 'object', properties: { side: { type: 'number' } } }] },
        },
        $defs: { Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      },
      'tools.save.parameters',
      warnings,
    );
    expect(schema.properties).toEqual({
      home: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
      both: { type: 'OBJECT', properties: { a: { type: 'STRING' }, b: { type: 'NUMBER' } }, required: ['a', 'b'] },
      shape: { anyOf: [{ type: 'OBJECT', properties: { r: { type: 'NUMBER' } } }, { type: 'OBJECT', properties: { side: { type: 'NUMBER' } } }] },
    });
    expect(warnings.map((w) => w.setting)).toEqual(['tools.save.parameters.properties.both.allOf', 'tools.save.parameters.properties.shape.oneOf']);
  });

  it('should turn every keyword Vertex cannot carry into a warning naming its path', () => {
    const warnings: Warning[] = [];
    const schema = convertToVertexSchema(
      {
        type: 'object',
        properties: {
          ids: { type: 'array', items: { type: 'string' }, uniqueItems: true },
          n: { type: 'number', exclusiveMinimum: 0, multipleOf: 5 },
          level: { type: 'integer', enum: [1, 2, 3] },
          notX: { not: { const: 'x' } },
          tree: { $ref: '#/$defs/Node' },
        },
        patternProperties: { '^x-': { type: 'string' } },
        $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } },
      },
      'tools.t.parameters',
      warnings,
    );
    expect(warnings.map((w) => w.setting)).toEqual([
      'tools.t.parameters.properties.ids.uniqueItems',
      'tools.t.parameters.properties.n.exclusiveMinimum',
      'tools.t.parameters.properties.n.multipleOf',
      'tools.t.parameters.properties.level.enum',
      'tools.t.parameters.properties.notX.not',
      'tools.t.parameters.properties.tree.properties.child.$ref',
      'tools.t.parameters.patternProperties',
    ]);
    expect(warnings.every((w) => w.type === 'unsupported-setting' && w.message.length > 20)).toBe(true);
    expect(schema.properties).toMatchObject({ ids: { type: 'ARRAY', items: { type: 'STRING' } }, level: { type: 'INTEGER' }, tree: { type: 'OBJECT', properties: { child: {} } } });
  });
});

describe('createVertex request conversion', () => {
  it('should return schema warnings with the result, never dropping silently', async () => {
    network.use(...createVertexMock({ script: { type: 'text', text: '{"when":"2026-01-01"}' } }).handlers);
    const result = await vertex().chat({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'When?' }],
      tools: [{ name: 'book', parameters: { type: 'object', properties: { seats: { type: 'array', items: { type: 'integer' }, uniqueItems: true } } }, strict: true }],
      responseFormat: { type: 'json', schema: z.object({ when: z.string() }).strict(), description: 'A date' },
    });
    expect(result.warnings.map((w) => w.setting)).toEqual(['tools.book.parameters.properties.seats.uniqueItems', 'tools.book.strict']);
  });

  it('should send responseFormat json without a schema as responseMimeType only', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: '{}' } });
    network.use(...mock.handlers);
    await vertex().chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'JSON please' }], responseFormat: { type: 'json' } });
    expect(mock.requests[0]?.body.generationConfig).toEqual({ responseMimeType: 'application/json' });
  });

  it('should join consecutive tool results into one user turn, in the order of the calls they answer', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'Sunny, 21°C, 14:05.' } });
    network.use(...mock.handlers);
    await vertex().chat({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user', content: 'Weather and time in Paris?' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' }, { id: 'call_b', name: 'get_time', arguments: { zone: 'Europe/Paris' } }] },
        { role: 'tool', toolCallId: 'call_b', content: '14:05' },
        { role: 'tool', toolCallId: 'call_a', content: '{"temp":21,"sky":"sunny"}' },
        { role: 'user', content: 'Thanks!' },
      ],
    });
    expect(mock.requests[0]?.body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather and time in Paris?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }, { functionCall: { name: 'get_time', args: { zone: 'Europe/Paris' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21, sky: 'sunny' } } }, { functionResponse: { name: 'get_time', response: { output: '14:05' } } }] },
      { role: 'user', parts: [{ text: 'Thanks!' }] },
    ]);
  });

  it('should refuse a tool result that answers no known call and names no tool', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'never' } });
    network.use(...mock.handlers);
    const error = await vertex()
      .chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }, { role: 'tool', toolCallId: 'call_from_elsewhere', content: 'done' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect((error as Error).message).toMatch(/set `name` on the tool message/);
    expect(mock.requests).toHaveLength(0);
    // With the tool's name it goes through.
    await vertex().chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }, { role: 'tool', toolCallId: 'call_from_elsewhere', name: 'finish', content: 'done' }] });
    expect(mock.requests[0]?.body.contents[1]).toEqual({ role: 'user', parts: [{ functionResponse: { name: 'finish', response: { output: 'done' } } }] });
  });

  it('should send a function call back with the thought signature it came with', async () => {
    const url = 'https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod/locations/us-central1/publishers/google/models/gemini-3-pro-preview:generateContent';
    const bodies: any[] = [];
    network.use(
      http.post(url, async ({ request }) => {
        bodies.push(await request.json());
        if (bodies.length > 1) return HttpResponse.json({ candidates: [{ content: { role: 'model', parts: [{ text: 'It is sunny.' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 40, candidatesTokenCount: 4, totalTokenCount: 44 }, modelVersion: 'gemini-3-pro-preview', responseId: 'Zk2nab7VHqLkodAP7eS1wQ8' });
        return HttpResponse.json({
          candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'CiQBjz1rX4f2Hq0wEV3pWmZ8kQ0nW0J1b0h2bXk5cnRyZXBsYXk=' }, { functionCall: { name: 'get_time', args: {} } }] }, finishReason: 'STOP' }],
          usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 12, thoughtsTokenCount: 80, totalTokenCount: 122 },
          modelVersion: 'gemini-3-pro-preview',
          responseId: 'dqHOab6xGLzWodAPkPuViA4',
        });
      }),
    );
    const provider = vertex();
    const first = await provider.chat({ model: 'gemini-3-pro-preview', messages: [{ role: 'user', content: 'Weather?' }], tools: [{ name: 'get_weather' }, { name: 'get_time' }] });
    expect(first.toolCalls.map((c) => c.id)).toEqual(['call_dqHOab6xGLzWodAPkPuViA4_0', 'call_dqHOab6xGLzWodAPkPuViA4_1']);
    expect(first.finishReason).toBe('tool-calls');
    await provider.chat({
      model: 'gemini-3-pro-preview',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, toolCalls: first.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })) },
        { role: 'tool', toolCallId: first.toolCalls[0]?.id as string, content: 'sunny' },
        { role: 'tool', toolCallId: first.toolCalls[1]?.id as string, content: '14:05' },
      ],
    });
    expect(bodies[1].contents[1]).toEqual({
      role: 'model',
      parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'CiQBjz1rX4f2Hq0wEV3pWmZ8kQ0nW0J1b0h2bXk5cnRyZXBsYXk=' }, { functionCall: { name: 'get_time', args: {} } }],
    });
  });

  it("should mark a Gemini 3 call replayed from elsewhere with Google's skip value", async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const history = [
      { role: 'user' as const, content: 'Weather?' },
      { role: 'assistant' as const, content: null, toolCalls: [{ id: 'call_Xk29', name: 'get_weather', arguments: { city: 'Oslo' } }] },
      { role: 'tool' as const, toolCallId: 'call_Xk29', content: 'snow' },
    ];
    await vertex().chat({ model: 'gemini-3-flash-preview', messages: history });
    await vertex().chat({ model: 'gemini-2.5-flash', messages: history });
    expect(mock.requests[0]?.body.contents[1].parts[0].thoughtSignature).toBe('skip_thought_signature_validator');
    expect(mock.requests[1]?.body.contents[1].parts[0].thoughtSignature).toBeUndefined();
  });

  it('should move a late system message into the system instruction with a warning', async () => {
    const mock = createVertexMock({ script: { type: 'text', text: 'ok' } });
    network.use(...mock.handlers);
    const result = await vertex().chat({ model: 'gemini-2.5-flash', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }, { role: 'system', content: 'Answer in French.' }] });
    expect(mock.requests[0]?.body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] });
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'messages[2]' })]);
  });
});
