/**
 * Simulated servers that live for one test: every server started through `simServers()` is
 * closed after the test that started it, so a test file writes no set-up or tear-down of its own.
 *
 * @example
 * const sims = simServers(); // at the top of a test file: registers the afterEach
 * it("…", async () => {
 *   const server = await sims.world({ family: "vllm" }); // closed after this test
 * });
 */
import { afterEach } from "vitest";
import { startWorld } from "./fixture.js";
import { startSimServer } from "./server.js";
import type { SimOptions, SimServer } from "./types.js";

/** Starts simulated servers that are closed after the current test. */
export interface SimServers {
  /** A server with these options (`startSimServer`). */
  start(options: SimOptions): Promise<SimServer>;
  /** A server on fixture.ts's WORLD with extra options (`startWorld`). */
  world(options?: Partial<SimOptions>): Promise<SimServer>;
}

/** Servers closed after each test; call once at a test file's top level (it registers an `afterEach`). */
export function simServers(): SimServers {
  const open: SimServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  const kept = (server: SimServer): SimServer => {
    open.push(server);
    return server;
  };
  return {
    start: async (options) => kept(await startSimServer(options)),
    world: async (options = {}) => kept(await startWorld(options)),
  };
}
