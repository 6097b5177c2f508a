/**
 * A tiny reader of Open311 XML (the Spark mapping, no attributes, no
 * namespaces), for the tests only: it turns a document back into the JSON
 * shape, every value as text, the way FixMyStreet's client reads it
 * (`ForceArray` on the list elements), so a test can compare the XML and JSON
 * answers of one request key by key.
 */

/** A value read from XML: text, a list, or an object of elements. */
export type XmlRead = string | XmlRead[] | { [name: string]: XmlRead };

/** Elements that are lists of their children (FixMyStreet's ForceArray names plus the plural wrappers). */
const LISTS = new Set([
  "services",
  "service_requests",
  "service_request_updates",
  "errors",
  "endpoints",
  "formats",
  "attributes",
  "values",
]);

interface Node {
  name: string;
  children: Node[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? "");
}

/** Parses a whole document: the declaration, then one root element. Throws on anything malformed. */
export function parseXml(document: string): { root: string; value: XmlRead } {
  if (!document.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error("no XML declaration");
  const body = document.slice(document.indexOf("?>") + 2).trim();
  const stack: Node[] = [{ name: "#document", children: [], text: "" }];
  const token = /<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null = token.exec(body);
  let consumed = 0;
  while (match) {
    consumed = token.lastIndex;
    const [, closing, name, selfClosing, text] = match;
    const top = stack.at(-1) as Node;
    if (text !== undefined) {
      if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bad text ${text}`);
      top.text += decode(text);
    } else if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const node: Node = { name: name as string, children: [], text: "" };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    }
    match = token.exec(body);
  }
  if (consumed !== body.length || stack.length !== 1) throw new Error("malformed XML");
  const [root] = (stack[0] as Node).children;
  if (!root || (stack[0] as Node).children.length !== 1) throw new Error("not one root element");
  return { root: root.name, value: convert(root) };
}

function convert(node: Node): XmlRead {
  if (LISTS.has(node.name)) return node.children.map(convert);
  if (node.children.length === 0) return node.text;
  const out: { [name: string]: XmlRead } = {};
  for (const child of node.children) {
    if (child.name in out) throw new Error(`repeated <${child.name}> outside a list`);
    out[child.name] = convert(child);
  }
  return out;
}

/**
 * A JSON body as the XML reader sees it: numbers, booleans and null as text
 * (null as ""), absent keys absent.
 */
export function asXmlText(value: unknown): XmlRead {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(asXmlText);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, asXmlText(item)]),
    );
  }
  return String(value);
}
