/**
 * The `tasks` and `task_examples` tables: a task's examples (id, split, input, outputs) and its
 * templates, stored once per version of the task (the hash a run's identity is made from), and the
 * version each run used (`runs.task_hash`). With them the file alone explains a run, for a task built
 * in code as for one whose file has since moved or changed. Files from before migration 5 have none
 * of this: a reader gets `undefined` and falls back to what it did before.
 */
import type { Task } from "../task/types.js";
import { type Connection, now } from "./connection.js";

/** One example as stored: its outputs and split still to be checked (`task/stored-task.ts`). */
export interface StoredExampleRow {
  readonly id: string;
  readonly split: string;
  readonly input: string;
  /** The parsed JSON of the outputs column. */
  readonly outputs: unknown;
}

/** A task as the store keeps it; `task/stored-task.ts` checks it into a `StoredTask`. */
export interface StoredTaskRow {
  /** The task's hash (`runs.task_hash`, `tasks.hash`). */
  readonly hash: string;
  readonly name: string;
  readonly description: string | null;
  /** The parsed JSON of the templates column. */
  readonly templates: unknown;
  /** Every example, split by split (demo, eval, test) in the task's order. */
  readonly examples: readonly StoredExampleRow[];
}

/** Reading the task a run used. */
export interface TaskReader {
  /** The task run `runId` used, or undefined when the file predates stored tasks or the run never recorded one. */
  runTask(runId: string): StoredTaskRow | undefined;
}

/** Recording the task of a run, as a search does when it starts or continues one. */
export interface TaskLog extends TaskReader {
  /** Store `task` under `hash` (once: a task already stored is kept as it is) and link run `runId` to it. */
  recordTask(runId: string, hash: string, task: Task): void;
}

/** `TaskLog` over one connection. */
export class TaskTable implements TaskLog {
  private record: ((runId: string, hash: string, task: Task) => void) | undefined;
  private stored: boolean | undefined;

  /** Reads and writes through `db`. */
  constructor(private readonly db: Connection) {}

  recordTask(runId: string, hash: string, task: Task): void {
    this.record ??= (() => {
      const write = this.db.transaction((id: string, key: string, t: Task) => {
        const added = this.db
          .sql(`INSERT INTO tasks (hash, name, description, templates, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`)
          .run(key, t.name, t.description ?? null, JSON.stringify(t.templates), now());
        if (added.changes > 0) {
          const example = this.db.sql(`INSERT INTO task_examples (task_hash, id, split, position, input, outputs) VALUES (?, ?, ?, ?, ?, ?)`);
          for (const [split, examples] of Object.entries(t.splits)) {
            for (const [i, e] of examples.entries()) example.run(key, e.id, split, i, e.input, JSON.stringify(e.outputs));
          }
        }
        this.db.sql(`UPDATE runs SET task_hash = ? WHERE id = ?`).run(key, id);
      });
      return (id, key, t) => write.immediate(id, key, t);
    })();
    this.record(runId, hash, task);
  }

  runTask(runId: string): StoredTaskRow | undefined {
    this.stored ??= this.db.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'task_examples'`).get()?.n === 1;
    if (!this.stored) return undefined;
    const head = this.db
      .sql<{ hash: string; name: string; description: string | null; templates: string }>(
        `SELECT t.hash, t.name, t.description, t.templates FROM runs r JOIN tasks t ON t.hash = r.task_hash WHERE r.id = ?`,
      )
      .get(runId);
    if (head === undefined) return undefined;
    const rows = this.db
      .sql<{ id: string; split: string; input: string; outputs: string }>(
        `SELECT id, split, input, outputs FROM task_examples WHERE task_hash = ?
         ORDER BY CASE split WHEN 'demo' THEN 0 WHEN 'eval' THEN 1 ELSE 2 END, position`,
      )
      .all(head.hash);
    const examples = rows.map((r) => ({ id: r.id, split: r.split, input: r.input, outputs: JSON.parse(r.outputs) }));
    return { hash: head.hash, name: head.name, description: head.description, templates: JSON.parse(head.templates), examples };
  }
}
