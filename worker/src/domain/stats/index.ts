/**
 * The pure rules of the public statistics (issue 5): suppression of small
 * cells, derived figures, CSV and the free-text check. No I/O: the query layer
 * fetches rollups and passes numbers in.
 */
export * from "./csv";
export * from "./figures";
export * from "./free-text";
export * from "./linked";
export * from "./suppression";
