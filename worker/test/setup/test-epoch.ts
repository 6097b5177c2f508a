/**
 * The instant every test file starts at: a Monday, 12:20 in Hanoi, forty
 * minutes from the next rate-limit window and twelve hours from midnight, in
 * a month with no public holiday.
 */
export const TEST_EPOCH = new Date("2026-06-15T05:20:00.000Z");
