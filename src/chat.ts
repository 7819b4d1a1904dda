/**
 * Chat messages: the shape that an eval template's message list and the chat route share. A leaf,
 * so that tasks and model backends can both use it.
 */

/** The roles a message may have: the system message (the instruction), the user's turns, the assistant's (demos). */
export const CHAT_ROLES = ["system", "user", "assistant"] as const;
/** One role. */
export type ChatRole = (typeof CHAT_ROLES)[number];

/** One message of a chat. */
export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/** What the chat route is sent: a text (one user turn) or the messages themselves. */
export type ChatPrompt = string | readonly ChatMessage[];

/** The messages of a chat prompt: a text is one user turn. */
export function chatMessages(prompt: ChatPrompt): readonly ChatMessage[] {
  return typeof prompt === "string" ? [{ role: "user", content: prompt }] : prompt;
}

/** The text of a prompt, for token counts: a text as it is, messages' contents one after another. */
export function promptText(prompt: ChatPrompt): string {
  return typeof prompt === "string" ? prompt : prompt.map((m) => m.content).join("\n");
}
