/**
 * Run the simulated server by hand, to try ape without a GPU or a key:
 *   npx tsx test/support/sim/serve.ts tasks/antonyms.json [--family vllm] [--port 8000] [--fim] [--insert]
 * then, in another terminal:
 *   npx ape search --task tasks/antonyms.json --model vllm:sim-model --base-url http://127.0.0.1:8000/v1
 */
import { parseArgs } from "node:util";
import { loadTask } from "../../../src/task/index.js";
import { startSimServer, SIM_FAMILIES, type SimFamily } from "./index.js";
import { worldForTask } from "./task-world.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    family: { type: "string", default: "vllm" },
    port: { type: "string", default: "0" },
    seed: { type: "string", default: "0" },
    fim: { type: "boolean", default: false },
    insert: { type: "boolean", default: false },
  },
});
const file = positionals[0];
if (!file || !(SIM_FAMILIES as readonly string[]).includes(values.family)) {
  console.error(`usage: serve.ts TASK.json [--family ${SIM_FAMILIES.join("|")}] [--port N] [--seed N] [--fim] [--insert]`);
  process.exit(2);
}
const task = await loadTask(file);
const server = await startSimServer({
  world: worldForTask(task),
  family: values.family as SimFamily,
  seed: Number(values.seed),
  port: Number(values.port),
  fim: values.fim,
  insert: values.insert,
});
console.log(`simulated ${values.family} server for ${task.name} at ${server.url} (model "sim-model"); Ctrl-C stops it`);
process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
