/**
 * The official directory of Hà Nội's wards and communes (`data/`): reading
 * the list and finding units by their former names. Pure: no I/O, no package.
 */
export * from "./csv";
export * from "./former-names";
export * from "./official";
