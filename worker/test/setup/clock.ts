import { vi } from "vitest";
import { TEST_EPOCH } from "./test-epoch";

// Every test file starts at the same instant instead of the wall clock, so a
// run never straddles the top of an hour (the rate-limit window) or midnight
// in Hanoi (today's date, deadlines). Time still flows from there, so
// durations, TTLs and ordering behave as in production. The Worker under test
// runs in the same isolate and reads the same `Date`.
vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now: TEST_EPOCH });
