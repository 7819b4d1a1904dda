/**
 * Writing a task file (format v1) as text: the head pretty-printed, one example per line, so files
 * diff well and stay readable. Used by the importers and the generators of the shipped tasks; the
 * same input always gives the same bytes.
 */
import type { ExampleFile, TaskFile } from "./schema.js";

const HEAD_KEYS = ["version", "name", "description", "metric", "protocol", "templates", "targetFormat", "answer", "references", "split"] as const;

/** The text of a task file, ending in a newline. */
export function formatTaskFile(task: TaskFile): string {
  const lines: string[] = ["{"];
  for (const key of HEAD_KEYS) {
    const value = task[key];
    if (value === undefined) continue;
    const json = JSON.stringify(value, null, 2).replace(/\n/g, "\n  ");
    lines.push(`  ${JSON.stringify(key)}: ${json},`);
  }
  lines.push(`  "examples": [`);
  task.examples.forEach((example, i) => {
    lines.push(`    ${JSON.stringify(ordered(example))}${i < task.examples.length - 1 ? "," : ""}`);
  });
  lines.push("  ]", "}", "");
  return lines.join("\n");
}

function ordered(example: ExampleFile): ExampleFile {
  return {
    ...(example.id === undefined ? {} : { id: example.id }),
    input: example.input,
    output: example.output,
    ...(example.split === undefined ? {} : { split: example.split }),
  };
}
