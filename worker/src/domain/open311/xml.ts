/**
 * The XML side of Open311 GeoReport v2: the Spark mapping of a JSON body
 * (wiki.open311.org "JSON and XML Conversion"). The root element names what
 * the JSON drops; a list is a plural element whose children take the
 * singular name (`<services><service>`); an object is an element per key;
 * `null` is an empty element; there are no attributes or namespaces.
 */

/** A JSON value as the Open311 bodies use it. */
export type XmlValue = string | number | boolean | null | undefined | readonly XmlValue[] | XmlObject;

/** An object body: keys become element names, in insertion order. */
export interface XmlObject {
  readonly [key: string]: XmlValue;
}

/** The declaration every Open311 XML answer starts with [GR2 "Encoding"]. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * The singular child of each plural element Open311 uses, roots included.
 * A list under a name not listed here is written with `item` children, which
 * no Open311 body needs.
 */
export const OPEN311_SINGULARS: Readonly<Record<string, string>> = {
  services: "service",
  service_requests: "request",
  service_request_updates: "request_update",
  errors: "error",
  endpoints: "endpoint",
  formats: "format",
  attributes: "attribute",
  values: "value",
};

/**
 * Whether XML 1.0 can carry a code point: tab, LF, CR, and everything from
 * U+0020 but surrogates (a lone one is what is left of a broken pair) and
 * U+FFFE/U+FFFF.
 */
function xmlAllowed(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  return codePoint !== 0xfffe && codePoint !== 0xffff;
}

/** The text without the characters XML 1.0 forbids (iterating by code point keeps valid pairs whole). */
function withoutForbidden(text: string): string {
  let out = "";
  for (const char of text) if (xmlAllowed(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

/**
 * Text content, escaped: characters XML forbids are dropped first, then
 * `&`, `<` and `>` are written as entities (`>` too, so `]]>` never appears).
 *
 * @example
 * escapeXmlText("a < b & c") // "a &lt; b &amp; c"
 */
export function escapeXmlText(text: string): string {
  return withoutForbidden(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An element name must be a plain XML name; the bodies only use snake_case keys. */
function checkName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`not an XML element name: ${name}`);
  return name;
}

function element(name: string, value: XmlValue, singulars: Readonly<Record<string, string>>): string {
  const tag = checkName(name);
  if (value === undefined) return "";
  if (value === null || value === "") return `<${tag}/>`;
  if (Array.isArray(value)) {
    const child = singulars[name] ?? "item";
    const inner = value.map((item: XmlValue) => element(child, item, singulars)).join("");
    return inner === "" ? `<${tag}/>` : `<${tag}>${inner}</${tag}>`;
  }
  if (typeof value === "object") {
    const inner = Object.entries(value as XmlObject)
      .map(([key, item]) => element(key, item, singulars))
      .join("");
    return inner === "" ? `<${tag}/>` : `<${tag}>${inner}</${tag}>`;
  }
  return `<${tag}>${escapeXmlText(String(value))}</${tag}>`;
}

/**
 * A whole XML document, declaration first, for a body whose root element is
 * `root`: a JSON array becomes `<root>` with one singular child per item.
 * Absent (`undefined`) keys are left out, as they are from the JSON.
 *
 * @example
 * toXmlDocument("errors", [{ code: 404, description: "Không tìm thấy" }])
 * // '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>404</code><description>Không tìm thấy</description></error></errors>'
 */
export function toXmlDocument(
  root: string,
  body: XmlValue,
  singulars: Readonly<Record<string, string>> = OPEN311_SINGULARS,
): string {
  return `${XML_DECLARATION}\n${element(root, body, singulars)}\n`;
}
