import type { AssistantReasoning, ReasoningProviderData } from '../../types/assistant-reasoning.ts';
import type { AssistantToolCall, ChatMessage, ContentPart, TextPart } from '../../types/chat-message.ts';
import { GatewayRequestError, invalidParam } from '../gateway-request-error.ts';
import { decodeReasoningState } from './reasoning-state-codec.ts';
import { describeJson, wireArray, wireObject, wireString, type WireObject } from './wire-values.ts';

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?,/;

function unsupported(param: string, message: string): GatewayRequestError {
  return new GatewayRequestError(400, `${param}: ${message}`, { param, code: 'unsupported_parameter' });
}

/** Text content: a string, or text parts (`input_text`; for assistant turns also `output_text` and `refusal`). */
function mapTextContent(content: unknown, param: string, assistant = false): string | TextPart[] {
  if (typeof content === 'string') return content;
  return wireArray(content, param).map((part, i): TextPart => {
    const at = `${param}[${i}]`;
    const p = wireObject(part, at);
    if (p.type === 'input_text' || (assistant && p.type === 'output_text')) return { type: 'text', text: wireString(p.text, `${at}.text`) };
    if (assistant && p.type === 'refusal') return { type: 'text', text: wireString(p.refusal, `${at}.refusal`) };
    throw invalidParam(`${at}.type`, `expected ${assistant ? '"output_text", "refusal" or "input_text"' : '"input_text"'} here, found ${JSON.stringify(p.type)}`);
  });
}

function mapUserPart(part: unknown, at: string): ContentPart {
  const p = wireObject(part, at);
  switch (p.type) {
    case 'input_text':
      return { type: 'text', text: wireString(p.text, `${at}.text`) };
    case 'input_image': {
      // `detail` is a hint only OpenAI's own models read; Switchyard's image part has no equivalent.
      if (p.image_url == null) throw unsupported(`${at}.file_id`, 'files uploaded to a provider cannot be routed across providers; send the image as image_url (an https: or data: URL)');
      const url = wireString(p.image_url, `${at}.image_url`);
      const media = DATA_URL.exec(url)?.[1];
      return media ? { type: 'image', url, mediaType: media } : { type: 'image', url };
    }
    case 'input_file': {
      const filename = typeof p.filename === 'string' ? p.filename : undefined;
      let out: ContentPart;
      if (p.file_data != null) {
        const data = wireString(p.file_data, `${at}.file_data`);
        const match = DATA_URL.exec(data);
        // A bare base64 string (no data: prefix) is a PDF, the document type OpenAI's file input takes.
        out = match ? { type: 'file', data: data.slice(match[0].length), mediaType: match[1] as string } : { type: 'file', data, mediaType: 'application/pdf' };
      } else if (p.file_url != null) {
        out = { type: 'file', url: wireString(p.file_url, `${at}.file_url`), mediaType: 'application/pdf' };
      } else throw unsupported(`${at}.file_id`, 'files uploaded to a provider cannot be routed across providers; send the document inline as file_data (a data: URL) or as file_url');
      if (filename !== undefined) out.filename = filename;
      return out;
    }
    case 'input_audio':
      throw unsupported(`${at}.type`, 'audio input is not supported by Switchyard (send text, images or documents)');
    default:
      throw invalidParam(`${at}.type`, `expected "input_text", "input_image" or "input_file", found ${JSON.stringify(p.type)}`);
  }
}

/** The text of a `function_call_output`: a string, or `input_text` parts (tool results are text for every provider). */
function mapToolOutput(output: unknown, param: string): string | TextPart[] {
  if (typeof output === 'string') return output;
  return wireArray(output, param).map((part, i): TextPart => {
    const at = `${param}[${i}]`;
    const p = wireObject(part, at);
    if (p.type === 'input_text') return { type: 'text', text: wireString(p.text, `${at}.text`) };
    throw unsupported(`${at}.type`, `only text tool results can be routed across providers, found ${JSON.stringify(p.type)}`);
  });
}

/** An assistant turn being assembled from consecutive output items (reasoning, messages, function calls). */
interface AssistantTurn {
  texts: TextPart[];
  calls: AssistantToolCall[];
  summaries: string[];
  state: ReasoningProviderData | undefined;
}

function toAssistantMessage(turn: AssistantTurn): ChatMessage {
  const texts = turn.texts;
  const content = texts.length === 0 ? null : texts.length === 1 ? (texts[0] as TextPart).text : texts;
  const message: Extract<ChatMessage, { role: 'assistant' }> = { role: 'assistant', content };
  if (turn.calls.length > 0) message.toolCalls = turn.calls;
  if (turn.summaries.length > 0 || turn.state) {
    const reasoning: AssistantReasoning = {};
    if (turn.summaries.length > 0) reasoning.text = turn.summaries.join('\n\n');
    if (turn.state) reasoning.providerData = turn.state;
    message.reasoning = reasoning;
  }
  return message;
}

/**
 * Maps a Responses request's `instructions` and `input` (a string, or input items) to Switchyard's messages:
 * `instructions` is the first system message; `system` and `developer` messages are system messages, `user` ones
 * carry text, images (`input_image` by URL) and documents (`input_file` inline or by URL). Consecutive assistant-side
 * items (`reasoning`, assistant `message`s, `function_call`s) make one assistant turn, with its tool calls and the
 * reasoning state of a reasoning item's `encrypted_content` (as this gateway handed it out); a
 * `function_call_output` is a tool result for its `call_id`. Items that need state kept by a server
 * (`item_reference`) or a provider's built-in tools are refused with a 400 that names them.
 */
export function mapResponsesInput(input: unknown, instructions: string | undefined): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (instructions !== undefined && instructions !== '') messages.push({ role: 'system', content: instructions });
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
    return messages;
  }
  const items = wireArray(input, 'input', 1);
  let turn: AssistantTurn | undefined;
  const endTurn = () => {
    if (turn) messages.push(toAssistantMessage(turn));
    turn = undefined;
  };
  const assistant = (): AssistantTurn => (turn ??= { texts: [], calls: [], summaries: [], state: undefined });
  for (let i = 0; i < items.length; i++) {
    const at = `input[${i}]`;
    const item: WireObject = wireObject(items[i], at);
    const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
    switch (type) {
      case 'message': {
        const content = item.content;
        if (item.role === 'assistant') {
          const text = mapTextContent(content, `${at}.content`, true);
          const parts = assistant().texts;
          if (typeof text === 'string') parts.push({ type: 'text', text });
          else for (const part of text) parts.push(part);
          break;
        }
        endTurn();
        if (item.role === 'system' || item.role === 'developer') messages.push({ role: 'system', content: mapTextContent(content, `${at}.content`) });
        else if (item.role === 'user') {
          if (typeof content === 'string') messages.push({ role: 'user', content });
          else messages.push({ role: 'user', content: wireArray(content, `${at}.content`).map((part, j) => mapUserPart(part, `${at}.content[${j}]`)) });
        } else throw invalidParam(`${at}.role`, `expected "user", "assistant", "system" or "developer", found ${typeof item.role === 'string' ? JSON.stringify(item.role) : describeJson(item.role)}`);
        break;
      }
      case 'function_call':
        assistant().calls.push({ id: wireString(item.call_id, `${at}.call_id`), name: wireString(item.name, `${at}.name`), arguments: wireString(item.arguments, `${at}.arguments`) });
        break;
      case 'function_call_output':
        endTurn();
        messages.push({ role: 'tool', toolCallId: wireString(item.call_id, `${at}.call_id`), content: mapToolOutput(item.output, `${at}.output`) });
        break;
      case 'reasoning': {
        const state = item.encrypted_content == null ? undefined : decodeReasoningState(wireString(item.encrypted_content, `${at}.encrypted_content`), `${at}.encrypted_content`);
        // A second turn's state: the items of two responses, one after the other.
        if (state && turn?.state) endTurn();
        const current = assistant();
        if (state) current.state = state;
        if (item.summary != null) {
          wireArray(item.summary, `${at}.summary`).forEach((part, j) => {
            const text = wireString(wireObject(part, `${at}.summary[${j}]`).text, `${at}.summary[${j}].text`);
            if (text !== '') current.summaries.push(text);
          });
        }
        break;
      }
      case 'item_reference':
        throw unsupported(`${at}.type`, 'the gateway keeps no responses, so items cannot be referenced by id; send the items themselves');
      default:
        if (typeof type === 'string') throw unsupported(`${at}.type`, `"${type}" items cannot be routed across providers (Switchyard carries messages, function calls and their outputs, and reasoning)`);
        throw invalidParam(`${at}.type`, `expected an item type ("message", "function_call", "function_call_output", "reasoning"), found ${describeJson(type)}`);
    }
  }
  endTurn();
  return messages;
}
