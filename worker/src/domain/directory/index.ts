/**
 * The official directory of Hà Nội's wards and communes (`data/`): reading
 * the list, finding units by their former names, and planning the changes
 * that make the `units` table match it. Pure: no I/O, no package.
 */
export * from "./apply";
export * from "./csv";
export * from "./former-names";
export * from "./official";
export * from "./reference";
export * from "./sync";
