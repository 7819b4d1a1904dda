/**
 * The SQLite schema, as numbered migrations applied in order and tracked by `PRAGMA user_version`.
 * The schema is a public interface (the README documents it): add migrations, never edit one.
 */

/** `PRAGMA application_id` of an ape results database: "APES" in ASCII (set by migration 4). */
export const APPLICATION_ID = 0x41504553;

/** Migration `i` brings the database from version `i` to `i + 1`. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id                TEXT PRIMARY KEY,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    task              TEXT NOT NULL,
    task_file         TEXT NOT NULL,
    proposer          TEXT NOT NULL,
    target            TEXT NOT NULL,
    scorer            TEXT NOT NULL,
    selector          TEXT NOT NULL,
    seed              INTEGER NOT NULL,
    config            TEXT NOT NULL,
    config_hash       TEXT NOT NULL,
    status            TEXT NOT NULL,
    error             TEXT,
    calls             INTEGER NOT NULL DEFAULT 0,
    cached_calls      INTEGER NOT NULL DEFAULT 0,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd          REAL NOT NULL DEFAULT 0,
    evaluations       INTEGER NOT NULL DEFAULT 0,
    best_candidate_id INTEGER,
    best_score        REAL
  );
  CREATE INDEX runs_config_hash ON runs(config_hash);

  CREATE TABLE candidates (
    id              INTEGER PRIMARY KEY,
    run_id          TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    origin          TEXT NOT NULL,
    fill_path       TEXT,
    parent_id       INTEGER REFERENCES candidates(id),
    round           INTEGER NOT NULL DEFAULT 0,
    demo_ids        TEXT,
    proposer_prompt TEXT,
    score           REAL,
    eval_count      INTEGER NOT NULL DEFAULT 0,
    test_score      REAL,
    test_count      INTEGER NOT NULL DEFAULT 0,
    rank            INTEGER,
    dropped_at      INTEGER,
    history         TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (run_id, text)
  );
  CREATE INDEX candidates_run ON candidates(run_id);

  CREATE TABLE evaluations (
    id           INTEGER PRIMARY KEY,
    run_id       TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    split        TEXT NOT NULL,
    example_id   TEXT NOT NULL,
    output       TEXT,
    score        REAL NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (candidate_id, split, example_id)
  );
  CREATE INDEX evaluations_run ON evaluations(run_id);

  CREATE TABLE calls (
    id                INTEGER PRIMARY KEY,
    run_id            TEXT REFERENCES runs(id) ON DELETE CASCADE,
    role              TEXT NOT NULL,
    backend           TEXT NOT NULL,
    model             TEXT NOT NULL,
    base_url          TEXT,
    kind              TEXT NOT NULL,
    cache_key         TEXT NOT NULL,
    request           TEXT NOT NULL,
    response          TEXT,
    error             TEXT,
    cached            INTEGER NOT NULL DEFAULT 0,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd          REAL NOT NULL DEFAULT 0,
    latency_ms        REAL NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
  );
  CREATE INDEX calls_run ON calls(run_id);
  CREATE INDEX calls_cache ON calls(cache_key) WHERE response IS NOT NULL AND cached = 0;
  `,
  // 2: the process (host:pid) running a run, so two processes never write the same run at once.
  `
  ALTER TABLE runs ADD COLUMN owner TEXT;
  `,
  // 3: suites (`ape suite`): many tasks searched as one resumable run; each task's run links to its suite.
  `
  CREATE TABLE suites (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    tasks       INTEGER NOT NULL,
    config      TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    status      TEXT NOT NULL,
    error       TEXT,
    owner       TEXT
  );
  CREATE INDEX suites_config_hash ON suites(config_hash);
  ALTER TABLE runs ADD COLUMN suite_id TEXT REFERENCES suites(id);
  CREATE INDEX runs_suite ON runs(suite_id);
  `,
  // 4: mark the file as ape's (PRAGMA application_id), so that ape never writes to another program's SQLite file.
  `
  PRAGMA application_id = ${APPLICATION_ID};
  `,
  // 5: each task's examples and templates, stored once per version of the task (its hash), and the
  // version each run used, so that a run is explained by the file alone (a task built in code too).
  `
  CREATE TABLE tasks (
    hash        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT,
    templates   TEXT NOT NULL,
    created_at  TEXT NOT NULL
  );
  CREATE TABLE task_examples (
    task_hash TEXT NOT NULL REFERENCES tasks(hash) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    split     TEXT NOT NULL,
    position  INTEGER NOT NULL,
    input     TEXT NOT NULL,
    outputs   TEXT NOT NULL,
    PRIMARY KEY (task_hash, id)
  );
  ALTER TABLE runs ADD COLUMN task_hash TEXT REFERENCES tasks(hash);
  CREATE INDEX runs_task_hash ON runs(task_hash);
  `,
  // 6: the metric's feedback on each evaluation (a judge's reasons, a user metric's notes).
  `
  ALTER TABLE evaluations ADD COLUMN feedback TEXT;
  `,
  // 7: lineage of refined candidates: every parent (a merge has two; candidates.parent_id keeps the
  // first) and, per parent, the eval examples of it the proposer was shown (reflect, merge).
  `
  CREATE TABLE IF NOT EXISTS lineage (
    candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    parent_id    INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    shown        TEXT,
    PRIMARY KEY (candidate_id, parent_id)
  );
  CREATE INDEX IF NOT EXISTS lineage_parent ON lineage(parent_id);
  `,
];

/** Run statuses, as stored in `runs.status`. */
export const RUN_STATUSES = ["running", "done", "failed", "cancelled", "budget"] as const;
/** One run status. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Where a candidate came from, as stored in `candidates.origin`. */
export const ORIGINS = ["forward", "reverse", "resample", "reflect", "merge", "reference"] as const;
/** One candidate origin. */
export type Origin = (typeof ORIGINS)[number];
