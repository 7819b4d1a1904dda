/**
 * Prompt text to tokens for the two generation routes. `completion` is the raw text (after BOS when
 * the model wants one). `chat` renders the messages (a text: one user turn) with the model's own
 * chat template when the GGUF has one; without a template it falls back to the raw text, and
 * `probe()` reports `chat: false` so callers know.
 */
import { type ChatHistoryItem, type ChatWrapper, resolveChatWrapper, type LlamaModel, type Token } from "node-llama-cpp";
import { type ChatMessage, type ChatPrompt, chatMessages, promptText } from "../../chat.js";

/** Whether the GGUF carries a chat template (`tokenizer.chat_template`). */
export function hasChatTemplate(model: LlamaModel): boolean {
  const template = model.fileInfo.metadata.tokenizer?.chat_template;
  return typeof template === "string" && template.trim() !== "";
}

/** Tokens of raw text, with BOS when the model wants one. */
export function completionTokens(model: LlamaModel, text: string): Token[] {
  const bos = model.tokens.bos;
  const head = model.tokens.shouldPrependBosToken && bos !== null ? [bos] : [];
  return [...head, ...model.tokenize(text, false)];
}

/**
 * Tokens of a chat prompt (a text is one user turn) rendered by the model's own chat template, as
 * node-llama-cpp applies it (the chat wrapper it resolves from the GGUF's template), up to the start
 * of the model's reply: system messages as the system turn, assistant messages as the model's turns.
 */
export function chatTokens(model: LlamaModel, prompt: ChatPrompt): Token[] {
  if (!hasChatTemplate(model)) return completionTokens(model, promptText(prompt));
  const wrapper = chatWrapper(model);
  const { contextText } = wrapper.generateContextState({ chatHistory: [...chatMessages(prompt).map(historyItem), { type: "model", response: [] }] });
  return contextText.tokenize(model.tokenizer);
}

/** Resolving a model's chat wrapper compares its template with the known ones: done once per model. */
const wrappers = new WeakMap<LlamaModel, ChatWrapper>();

function chatWrapper(model: LlamaModel): ChatWrapper {
  let wrapper = wrappers.get(model);
  if (wrapper === undefined) {
    wrapper = resolveChatWrapper(model);
    wrappers.set(model, wrapper);
  }
  return wrapper;
}

/** A message as node-llama-cpp's chat history has it. */
function historyItem(m: ChatMessage): ChatHistoryItem {
  switch (m.role) {
    case "system":
      return { type: "system", text: m.content };
    case "user":
      return { type: "user", text: m.content };
    case "assistant":
      return { type: "model", response: [m.content] };
  }
}
