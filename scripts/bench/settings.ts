// The benchmark's settings, from the environment (see DEVELOPERS.md, "Benchmarks").

export const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Solved challenges available to the submit run; it stops early if they run out. */
export const POOL_SIZE = Number(process.env.BENCH_POOL ?? 1000);
/** Reports in the database at the small and the large size. */
export const SMALL_REPORTS = Number(process.env.BENCH_SMALL_REPORTS ?? 1000);
export const LARGE_REPORTS = Number(process.env.BENCH_REPORTS ?? process.env.BENCH_LARGE_REPORTS ?? 1_000_000);
/** The target: uncached statistics p50 at the large size at most this many times the small size's. */
export const TARGET_RATIO = 2;
export const GROUP_BYS = ["month", "category", "sector", "unit"];
