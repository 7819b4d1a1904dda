/**
 * How the Gateway groups the requests it must send: each group is exactly one request on the wire,
 * so each is its own retry, commit and budget unit. Requests join a group only where one wire
 * request can carry them all (a list `prompt` shares one set of sampling fields).
 */
import { at } from "../at.js";

/**
 * The indexes `which` of `requests` in groups of at most `size(request)`, each request joining the
 * group before it only when `joins(first of that group, request)`.
 */
export function wireGroups<Q>(requests: readonly Q[], which: readonly number[], size: (r: Q) => number, joins: (a: Q, b: Q) => boolean): number[][] {
  const groups: number[][] = [];
  for (const i of which) {
    const request = at(requests, i);
    const last = groups[groups.length - 1];
    if (last && last.length < size(request) && joins(at(requests, at(last, 0)), request)) last.push(i);
    else groups.push([i]);
  }
  return groups;
}
