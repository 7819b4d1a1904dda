/** placeholder */
import type { CommandFactory } from "../context.js";
/** The `import` command. */
export const importCommand: CommandFactory = () => ({ command: "import", describe: "x", handler: () => undefined });
