/** Tasks: the file format, loading and validation, splits, and importers from other formats. */
export { loadTask, FILE_CAP } from "./load.js";
export { parseTask, parseTaskFile, parseJsonlTask } from "./parse.js";
export type { TaskOptions } from "./validate.js";
export { REQUIRED_PLACEHOLDERS } from "./validate.js";
export { TEXT_CAP, NAME_CAP, type TaskFile, type ExampleFile } from "./schema.js";
export { DEFAULT_DEMO_CAP, DEFAULT_DEMO_FRACTION, splitCounts } from "./split.js";
export { mulberry32, shuffled, type Random } from "../random.js";
export * from "./types.js";
export { formatTaskFile } from "./format.js";
export { importApe, type ApeImportOptions } from "./import/ape.js";
export { importBigBench, type BigBenchImportOptions } from "./import/bigbench.js";
export { importCsv, importJsonl, type CsvImportOptions, type TableImportOptions } from "./import/table.js";
export { writeTasks, safeName, type WrittenTask, type WriteOptions } from "./import/write.js";
export { metricForTask } from "./import/metrics.js";
