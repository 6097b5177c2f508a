// The processes of `wrangler dev` as the restart suite kills them: its
// process group, read from /proc (Linux).
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** A process of wrangler's group, from /proc. */
export interface Member {
  pid: number;
  name: string;
}

/** Whether /proc is there to list a group's members (not on macOS). */
export const PROCFS = existsSync("/proc/self/stat");

/**
 * Live members of a process group, from /proc (Linux): wrangler's node
 * process and the workerd it spawned. Zombies are left out.
 */
export function groupMembers(pgid: number | undefined): Member[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const members: Member[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(")");
    const [state, , pgrp] = stat.slice(close + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z") {
      members.push({ pid: Number(entry), name: stat.slice(stat.indexOf("(") + 1, close) });
    }
  }
  return members;
}
