/**
 * A small RFC 4180 reader for the reference data in `data/`: fields
 * separated by commas, quoted with double quotes when they hold a comma, a
 * quote (doubled) or a line break; lines end with CRLF or LF. No package:
 * the domain runs anywhere.
 */

/** One record, with the line of the file it starts on (1-based), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV file that cannot be read, with the line where reading stopped. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  /** What is wrong, without the line. */
  readonly reason: string;
  // Plain fields, not parameter properties: the Node scripts type-check this file with erasable syntax only.
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = "CsvSyntaxError";
    this.line = line;
    this.reason = reason;
  }
}

/**
 * The records of a CSV text, blank lines skipped. A byte order mark is
 * ignored. Throws a CsvSyntaxError on a quote inside an unquoted field,
 * text after a closing quote, or a quoted field left open.
 *
 * @example
 * parseCsv('code,name\r\n00004,"Phường Ba Đình"\r\n') // [{ line: 1, fields: ["code", "name"] }, { line: 2, fields: ["00004", "Phường Ba Đình"] }]
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.startsWith("\uFEFF") ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new CsvSyntaxError(start, "a quoted field is not closed");
          const char = text[i] as string;
          if (char === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (char === "\n") line++;
          field += char;
          i++;
        }
        if (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          throw new CsvSyntaxError(line, "text after a closing quote");
        }
      } else {
        while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          if (text[i] === '"') throw new CsvSyntaxError(line, "a quote inside an unquoted field");
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    line++;
    const blank = fields.length === 1 && fields[0] === "";
    if (!blank) records.push({ line: start, fields });
  }
  return records;
}
