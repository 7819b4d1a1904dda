/**
 * Run the simulated server by hand, to try ape without a GPU or a key:
 *   npx tsx test/support/sim/serve.ts tasks/antonyms.json [--family vllm] [--port 8000] [--latency MS] [--fim] [--insert]
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
    latency: { type: "string", default: "0" },
    help: { type: "boolean", default: false },
  },
});
const file = positionals[0];
const latencyMs = Number(values.latency);
if (values.help || !file || !(SIM_FAMILIES as readonly string[]).includes(values.family) || !(latencyMs >= 0)) {
  console.error(
    `usage: serve.ts TASK.json [--family ${SIM_FAMILIES.join("|")}] [--port N] [--seed N] [--latency MS (each answer's delay: time to stop a search mid-way)] [--fim] [--insert]`,
  );
  process.exit(values.help ? 0 : 2);
}
const task = await loadTask(file);
const server = await startSimServer({
  world: worldForTask(task),
  family: values.family as SimFamily,
  seed: Number(values.seed),
  port: Number(values.port),
  faults: { latencyMs },
  fim: values.fim,
  insert: values.insert,
});
console.log(`simulated ${values.family} server for ${task.name} at ${server.url} (model "sim-model"); Ctrl-C stops it`);
process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
