import { config } from "zod";

/**
 * zod probes `new Function` when an object schema is built, to compile fast
 * parsers. Under the pages' CSP (no 'unsafe-eval') the probe is reported as a
 * violation, so switch it off. Import this before any contract module: schemas
 * read the setting when they are constructed.
 */
config({ jitless: true });
