/**
 * Prompt text to tokens for the two generation routes. `completion` is the raw text (after BOS when
 * the model wants one). `chat` renders a single user turn with the model's own chat template when
 * the GGUF has one; without a template it falls back to the raw text, and `probe()` reports
 * `chat: false` so callers know.
 */
import { resolveChatWrapper, type LlamaModel, type Token } from "node-llama-cpp";

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

/** Tokens of `text` as one user turn followed by the start of the model's answer. */
export function chatTokens(model: LlamaModel, text: string): Token[] {
  if (!hasChatTemplate(model)) return completionTokens(model, text);
  const wrapper = resolveChatWrapper(model);
  const { contextText } = wrapper.generateContextState({
    chatHistory: [
      { type: "user", text },
      { type: "model", response: [] },
    ],
  });
  return contextText.tokenize(model.tokenizer);
}
