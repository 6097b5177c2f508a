const NS = "http://www.w3.org/2000/svg";

/** An SVG element with presentation attributes (attributes, not `style`, so the CSP has nothing to block). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * An accessible chart root: `role="img"` with a title as its name, drawn at
 * the container's pixel width so its text stays at reading size on a phone.
 */
export function chartRoot(width: number, height: number, summary: string, id: string): SVGSVGElement {
  const svg = svgEl("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-labelledby": `${id}-title`,
    class: "chart-svg",
    focusable: "false",
  });
  svg.append(svgEl("title", { id: `${id}-title` }, summary));
  const defs = svgEl("defs");
  const pattern = svgEl("pattern", {
    id: `${id}-hatch`,
    width: 6,
    height: 6,
    patternUnits: "userSpaceOnUse",
    patternTransform: "rotate(45)",
  });
  pattern.append(svgEl("rect", { width: 6, height: 6, fill: "#ffffff" }));
  pattern.append(svgEl("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#4a4a55", "stroke-width": 2 }));
  defs.append(pattern);
  svg.append(defs);
  return svg;
}

/** Shortens a label to about `width` pixels (the full text stays in the table and the bar's tooltip). */
export function fitText(text: string, width: number, charWidth = 7.2): string {
  const max = Math.max(4, Math.floor(width / charWidth));
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A round upper bound for an axis: 1, 2, 5 × 10ⁿ. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
