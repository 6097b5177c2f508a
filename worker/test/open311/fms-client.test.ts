import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ApiClientIssuedSchema, ApiClientListSchema } from "../../src/contracts/api-clients";
import { ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import { call, createUnit, freshIp, leadIdOf, moveLead, signIn } from "../support/leads";

/**
 * A client written the way FixMyStreet's Open311 client works
 * (mysociety/fixmystreet `perllib/Open311.pm` and
 * `perllib/Open311/GetServiceRequestUpdates.pm`, read for their behaviour;
 * nothing is copied), run against this Worker through `SELF.fetch`:
 *
 * - it finds the endpoint in the discovery document by its `specification`
 *   (FixMyStreet itself is configured with an endpoint; discovery is how a
 *   new client finds one);
 * - it speaks XML by default (`services.xml`, `requests.xml`,
 *   `servicerequestupdates.xml`, `services/{code}.xml`) and reads it as
 *   XML::Simple does with FixMyStreet's `ForceArray`/`GroupTags`: the root
 *   element dropped, `service`, `request`, `request_update`, `error`,
 *   `attribute`, `value` always lists;
 * - every call carries `jurisdiction_id` when one is configured, and a POST
 *   carries `api_key` as a form field; the POST is
 *   `application/x-www-form-urlencoded` UTF-8 with `service_code`,
 *   `description`, `first_name`, `last_name`, `email`, the location and
 *   `attribute[name]=value` pairs;
 * - the POST's answer is read as `request[0].service_request_id`;
 * - `servicerequestupdates` is polled only with both `start_date` and
 *   `end_date` (W3C date-times), also carrying `api_key`; an update without
 *   `update_id` is skipped, and updates are de-duplicated on it;
 * - a failed call is not thrown: the client records
 *   `request failed: <status>` and each `<code>: <description>` of the
 *   `errors/error` list, and the call returns 0.
 *
 * Where FixMyStreet sends a point (`lat`/`long`), this portal's only location
 * is a unit, sent as `address_id` (FixMyStreet's own `address_id` path).
 */

/** The discovery token of GeoReport v2: matched literally, as the Service Discovery page says. */
const GEOREPORT_V2 = "http://wiki.open311.org/GeoReport_v2";

/** FixMyStreet's `GroupTags`: a plural wrapper whose singular children become a list. */
const GROUP_TAGS: Record<string, string> = {
  services: "service",
  attributes: "attribute",
  values: "value",
  service_requests: "request",
  errors: "error",
  service_request_updates: "request_update",
  groups: "group",
  // Not in FixMyStreet's table (it does not read discovery): the discovery document's lists.
  endpoints: "endpoint",
  formats: "format",
};
/** FixMyStreet's `ForceArray`: these elements are lists even when there is one. */
const FORCE_ARRAY = new Set(Object.values(GROUP_TAGS));

/** A value of an XML document as XML::Simple gives it: text, or an element's children by name. */
type XmlValue = string | XmlObject | XmlValue[];
interface XmlObject {
  [name: string]: XmlValue;
}

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/** Parses the plain XML Open311 uses (no attributes read, no namespaces) into a tree; throws on a broken document. */
function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: "#document", children: [], text: "" };
  const stack: XmlNode[] = [root];
  const tokens =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)(?:\s[^>]*?)?(\/?)>|([^<]+)/g;
  for (const match of xml.matchAll(tokens)) {
    const top = stack.at(-1) as XmlNode;
    const [, cdata, closing, opening, selfClosing, text] = match;
    if (cdata !== undefined) top.text += cdata;
    else if (closing !== undefined) {
      if (top.name !== closing) throw new Error(`XML: </${closing}> closes <${top.name}>`);
      stack.pop();
    } else if (opening !== undefined) {
      const node: XmlNode = { name: opening, children: [], text: "" };
      top.children.push(node);
      if (selfClosing !== "/") stack.push(node);
    } else if (text !== undefined) top.text += decode(text);
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack.at(-1)?.name}> is not closed`);
  const [element, ...rest] = root.children;
  if (!element || rest.length > 0 || root.text.trim()) throw new Error("XML: not exactly one root element");
  return element;
}

function simplify(node: XmlNode): XmlValue {
  if (node.children.length === 0) return node.text;
  const group = GROUP_TAGS[node.name];
  if (group && node.children.every((child) => child.name === group)) return node.children.map(simplify);
  const out: XmlObject = {};
  for (const child of node.children) {
    const value = GROUP_TAGS[child.name] && child.children.length === 0 ? [] : simplify(child);
    const known = out[child.name];
    if (FORCE_ARRAY.has(child.name)) out[child.name] = [...((known as XmlValue[] | undefined) ?? []), value];
    else out[child.name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return out;
}

/**
 * An Open311 XML document as FixMyStreet reads it: the root element's name
 * and its content, lists forced as FixMyStreet forces them.
 *
 * @example
 * readXml("<service_requests><request><service_request_id>7</service_request_id></request></service_requests>")
 * // { root: "service_requests", value: { request: [{ service_request_id: "7" }] } }
 */
function readXml(xml: string): { root: string; value: XmlValue } {
  const element = parseXml(xml);
  const children = element.children.length ? simplify({ ...element, name: "#root" }) : element.text;
  return { root: element.name, value: children };
}

/** A record of text fields, as every Open311 item reads once simplified. */
type Item = Record<string, unknown>;

/** The text of a field (XML text or a JSON scalar); "" when absent. */
const textOf = (item: Item, name: string): string => {
  const value = item[name];
  return value === undefined || value === null ? "" : typeof value === "object" ? "" : String(value);
};

/** What the client was set up with, as FixMyStreet's `Open311->new(...)` is. */
interface ClientConfig {
  endpoint: string;
  apiKey: string;
  jurisdiction?: string;
  format: "xml" | "json";
  /** Sent with every call (the test's client address, so the portal's per-address limits stay out of the way). */
  headers?: Record<string, string>;
}

/** A new service request, as FixMyStreet builds one from a problem. */
interface NewRequest {
  serviceCode: string;
  description: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  addressId: string;
  attributes: Record<string, string>;
}

/** The last POST answer in full, for the portal's additions (receipt) that FixMyStreet would ignore. */
interface PostAnswer {
  status: number;
  cacheControl: string | null;
  request: Item | undefined;
}

class Open311Client {
  success = false;
  error = "";
  lastPost: PostAnswer | undefined;

  constructor(readonly config: ClientConfig) {}

  /**
   * Reads a discovery document and returns the GeoReport v2 endpoint it
   * names (a production one when there are several), or undefined.
   */
  static async discover(
    discoveryUrl: string,
  ): Promise<{ url: string; formats: string[]; type: string; keyService: string } | undefined> {
    const res = await SELF.fetch(discoveryUrl);
    if (!res.ok) return undefined;
    const text = await res.text();
    const doc = discoveryUrl.endsWith(".xml") ? (readXml(text).value as Item) : (JSON.parse(text) as Item);
    const endpoints = ((doc.endpoints as Item[] | undefined) ?? []).filter(
      (e) => textOf(e, "specification") === GEOREPORT_V2,
    );
    const chosen = endpoints.find((e) => textOf(e, "type") === "production") ?? endpoints[0];
    if (!chosen) return undefined;
    const formats = ((chosen.formats as unknown[] | undefined) ?? []).map(String);
    return {
      url: textOf(chosen, "url"),
      formats,
      type: textOf(chosen, "type"),
      keyService: textOf(doc, "key_service"),
    };
  }

  private path(resource: string): string {
    return `${resource}.${this.config.format}`;
  }

  /** The list of a document: a bare JSON array, or the XML root's `item` children. */
  private items(body: string, item: string): Item[] {
    if (this.config.format === "json") return JSON.parse(body) as Item[];
    const { value } = readXml(body);
    if (Array.isArray(value)) return value as Item[];
    if (typeof value === "string") return [];
    return ((value as Item)[item] as Item[] | undefined) ?? [];
  }

  /** One GET or POST as FixMyStreet's `_request`: the body text on success, else undefined with `error` set. */
  private async request(method: "GET" | "POST", resource: string, params: Record<string, string> = {}) {
    const all = { ...params };
    if (this.config.jurisdiction) all.jurisdiction_id = this.config.jurisdiction;
    if (method === "POST" && this.config.apiKey) all.api_key = this.config.apiKey;
    const url = new URL(`${this.config.endpoint.replace(/\/$/, "")}/${resource}`);
    const init: RequestInit = { method, headers: { ...this.config.headers } };
    if (method === "GET") for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
    else init.body = new URLSearchParams(all);
    const res = await SELF.fetch(url.toString(), init);
    const body = await res.text();
    if (method === "POST")
      this.lastPost = { status: res.status, cacheControl: res.headers.get("Cache-Control"), request: undefined };
    this.success = res.ok;
    if (res.ok) return body;
    this.error = `request failed: ${res.status}\nerror: ${this.errors(body)}\n`;
    return undefined;
  }

  /** `code: description` per error of an error list, as FixMyStreet's `_process_error` prints them. */
  private errors(body: string): string {
    try {
      const list = this.items(body, "error");
      const lines = list.map((e) => `${textOf(e, "code") || "???"}: ${textOf(e, "description") || "unknown error"}`);
      return lines.length ? lines.join("\n") : "unknown error";
    } catch {
      return "unknown error";
    }
  }

  /** `get_service_list` */
  async getServiceList(): Promise<Item[] | undefined> {
    const body = await this.request("GET", this.path("services"));
    return body === undefined ? undefined : this.items(body, "service");
  }

  /** `get_service_meta_info` */
  async getServiceMetaInfo(code: string): Promise<Item | undefined> {
    const body = await this.request("GET", this.path(`services/${encodeURIComponent(code)}`));
    if (body === undefined) return undefined;
    return this.config.format === "json" ? (JSON.parse(body) as Item) : (readXml(body).value as Item);
  }

  /** `send_service_request`: the new request's id, or 0 (with `error` set). */
  async sendServiceRequest(request: NewRequest): Promise<string | 0> {
    const params: Record<string, string> = {
      description: request.description,
      service_code: request.serviceCode,
      address_id: request.addressId,
    };
    if (request.firstName) params.first_name = request.firstName;
    if (request.lastName) params.last_name = request.lastName;
    if (request.email) params.email = request.email;
    for (const [name, value] of Object.entries(request.attributes)) params[`attribute[${name}]`] = value;
    const body = await this.request("POST", this.path("requests"), params);
    if (body === undefined) return 0;
    const [first] = this.items(body, "request");
    if (this.lastPost) this.lastPost.request = first;
    const id = first ? textOf(first, "service_request_id") : "";
    return id || 0;
  }

  /** `get_service_requests`: by ids (`report_ids`), or with the spec's filters. */
  async getServiceRequests(args: { reportIds?: string[]; [name: string]: unknown } = {}): Promise<Item[] | undefined> {
    const { reportIds, ...rest } = args;
    const params: Record<string, string> = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)]));
    if (reportIds) params.service_request_id = reportIds.join(",");
    const body = await this.request("GET", this.path("requests"), params);
    return body === undefined ? undefined : this.items(body, "request");
  }

  /** GET one request (`requests/{id}`): a list of one. */
  async getServiceRequest(id: string): Promise<Item[] | undefined> {
    const body = await this.request("GET", this.path(`requests/${encodeURIComponent(id)}`));
    return body === undefined ? undefined : this.items(body, "request");
  }

  /**
   * `get_service_request_updates`: only with both dates, else 0; `api_key`
   * goes along (possibly empty), as FixMyStreet sends it.
   */
  async getServiceRequestUpdates(start?: Date, end?: Date): Promise<Item[] | 0 | undefined> {
    const params: Record<string, string> = { api_key: this.config.apiKey || "" };
    if (start || end) {
      if (!start || !end) return 0;
      params.start_date = w3c(start);
      params.end_date = w3c(end);
    }
    const body = await this.request("GET", this.path("servicerequestupdates"), params);
    return body === undefined ? undefined : this.items(body, "request_update");
  }
}

/** A W3C date-time with seconds and the Hà Nội offset, as `DateTime::Format::W3CDTF` writes a zoned time. */
function w3c(date: Date): string {
  const hanoi = new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
  return `${hanoi}+07:00`;
}

/**
 * FixMyStreet's update poll (`GetServiceRequestUpdates`): the last two hours
 * up to now, keeping only updates with an `update_id` not seen before.
 */
async function pollUpdates(client: Open311Client, seen: Set<string>, now = new Date()): Promise<Item[]> {
  const updates = await client.getServiceRequestUpdates(new Date(now.getTime() - 2 * 3600_000), now);
  if (!updates) throw new Error(`poll failed: ${client.error}`);
  const fresh = updates.filter((u) => textOf(u, "update_id") !== "" && !seen.has(textOf(u, "update_id")));
  for (const update of fresh) seen.add(textOf(update, "update_id"));
  return fresh;
}

describe("the FixMyStreet-style client's XML reader", () => {
  it("drops the root, forces FixMyStreet's lists and decodes text", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>r_7Qm2xV4k</service_request_id>
    <status>open</status>
    <status_notes>Đang xem xét &amp; xử lý</status_notes>
    <media_url/>
  </request>
</service_requests>`;
    expect(readXml(xml)).toEqual({
      root: "service_requests",
      value: {
        request: [
          { service_request_id: "r_7Qm2xV4k", status: "open", status_notes: "Đang xem xét & xử lý", media_url: "" },
        ],
      },
    });
  });

  it("reads a discovery document's endpoints and formats as lists, and an empty list as []", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><discovery><changeset>2026-12-01T00:00:00Z</changeset>
<endpoints><endpoint><specification>${GEOREPORT_V2}</specification><url>https://x/open311/v2</url>
<formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>`;
    const { value } = readXml(xml) as { value: Item };
    expect(value.endpoints).toEqual([
      { specification: GEOREPORT_V2, url: "https://x/open311/v2", formats: ["text/xml", "application/json"] },
    ]);
    expect(
      readXml("<service_definition><service_code>x</service_code><attributes/></service_definition>").value,
    ).toEqual({
      service_code: "x",
      attributes: [],
    });
  });

  it("refuses a broken document", () => {
    expect(() => readXml("<errors><error></errors>")).toThrow(/closes/);
    expect(() => readXml("<a></a><b></b>")).toThrow(/one root/);
  });
});

describe("a FixMyStreet-style Open311 client against the portal", () => {
  const DISCOVERY = `${ORIGIN}/open311/v2/discovery.xml`;
  let admin: string;
  let supervisor: string;
  let unitId: string;
  let client: Open311Client;
  let clientId: string;
  let filed: { id: string; trackingCode: string; at: Date } | undefined;
  const seen = new Set<string>();

  beforeAll(async () => {
    await insertUnits(env.DB);
    unitId = (await createUnit({ name: "Phường thử Open311" })).id;
    admin = (await signIn("admin")).cookie;
    supervisor = (await signIn("supervisor")).cookie;
    const res = await call(admin, "/api/admin/api-clients", {
      method: "POST",
      body: { name: "FixMyStreet (thử nghiệm)", requestsPerHour: 100, publicApp: false },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const issued = ApiClientIssuedSchema.parse(await res.json());
    clientId = issued.client.id;
    const endpoint = await Open311Client.discover(DISCOVERY);
    if (!endpoint) throw new Error("no GeoReport v2 endpoint in the discovery document");
    client = new Open311Client({
      endpoint: endpoint.url,
      apiKey: issued.key,
      // FixMyStreet sends a configured jurisdiction on every call; ours is the site's host name (docs/open311.md §6).
      jurisdiction: new URL(endpoint.url).host,
      format: "xml",
      headers: { "CF-Connecting-IP": freshIp() },
    });
  });

  it("finds the GeoReport v2 endpoint in discovery.xml and discovery.json by its specification", async () => {
    const xml = await Open311Client.discover(DISCOVERY);
    const json = await Open311Client.discover(`${ORIGIN}/open311/v2/discovery.json`);
    expect(xml?.url).toMatch(/\/open311\/v2\/?$/);
    expect(xml?.formats).toEqual(expect.arrayContaining(["text/xml", "application/json"]));
    expect(xml?.keyService).not.toBe("");
    expect(json).toEqual(xml);
  });

  it("lists the services (the report categories) and reads the definition of those with metadata", async () => {
    const services = await client.getServiceList();
    expect(services, client.error).toBeDefined();
    const codes = (services ?? []).map((s) => textOf(s, "service_code"));
    expect(codes).toEqual(
      expect.arrayContaining(["bribery", "harassment", "shirking", "delay", "neglect", "conduct", "other"]),
    );
    for (const service of services ?? []) {
      expect(textOf(service, "service_name")).not.toBe("");
      if (textOf(service, "metadata") !== "true") continue;
      const definition = await client.getServiceMetaInfo(textOf(service, "service_code"));
      expect(definition && textOf(definition, "service_code")).toBe(textOf(service, "service_code"));
    }
    // An unknown service is a 404 in the Open311 error list, which the client reports as FixMyStreet does.
    expect(await client.getServiceMetaInfo("khong-co")).toBeUndefined();
    expect(client.error).toMatch(/^request failed: 404\nerror: 404: /);
  });

  it("files a report form-encoded with api_key, jurisdiction_id and attribute[...], and keeps the receipt", async () => {
    const before = ApiClientListSchema.parse(await (await call(admin, "/api/admin/api-clients")).json()).items.find(
      (c) => c.id === clientId,
    );
    const id = await client.sendServiceRequest({
      serviceCode: "bribery",
      description:
        "Cán bộ một cửa phường yêu cầu nộp thêm 500.000 đồng ngoài lệ phí thì mới nhận hồ sơ đăng ký hộ kinh doanh.",
      firstName: "Nguyễn",
      lastName: "Văn Bình",
      email: "binh.nguyen@example.org",
      addressId: unitId,
      attributes: { fixmystreet_id: "4242", title: "Đòi tiền ngoài lệ phí" },
    });
    expect(id, client.error).not.toBe(0);
    expect(client.lastPost?.cacheControl).toContain("no-store");
    const answer = client.lastPost?.request ?? {};
    expect(textOf(answer, "service_notice")).not.toBe("");
    const trackingCode = textOf(answer, "tracking_code");
    expect(trackingCode).toMatch(/^PA-/);
    expect(textOf(answer, "secret")).not.toBe("");
    expect(String(id)).not.toBe(trackingCode);
    filed = { id: String(id), trackingCode, at: new Date() };

    const row = await env.DB.prepare("SELECT unit_id, category_code FROM reports WHERE tracking_code = ?")
      .bind(trackingCode)
      .first<{ unit_id: string; category_code: string }>();
    expect(row).toEqual({ unit_id: unitId, category_code: "bribery" });

    const after = ApiClientListSchema.parse(await (await call(admin, "/api/admin/api-clients")).json()).items.find(
      (c) => c.id === clientId,
    );
    expect(after?.useCount).toBeGreaterThan(before?.useCount ?? 0);
    expect(after?.lastUsedAt).not.toBeNull();
  });

  it("polls servicerequestupdates with start_date and end_date and sees each public status change once", async () => {
    if (!filed) throw new Error("the POST test did not file");
    const leadId = await leadIdOf(filed.trackingCode);
    await moveLead(supervisor, leadId, { to: "in_review" });
    await moveLead(supervisor, leadId, { to: "referred" });

    // FixMyStreet's cron runs later than the change and asks up to "now" in whole seconds: move the pinned clock on a second.
    vi.setSystemTime(Date.now() + 1_100);
    const mine = (await pollUpdates(client, seen)).filter((u) => textOf(u, "service_request_id") === filed?.id);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    for (const update of mine) {
      expect(textOf(update, "status")).toBe(textOf(update, "status").toLowerCase());
      expect(textOf(update, "updated_datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
    }
    // The same window polled again brings nothing new: update ids are stable.
    expect((await pollUpdates(client, seen)).filter((u) => textOf(u, "service_request_id") === filed?.id)).toEqual([]);
    // FixMyStreet does not poll with one date only.
    expect(await client.getServiceRequestUpdates(new Date())).toBe(0);
  });

  it("reads the request back by id, open, with nothing of the report's content", async () => {
    if (!filed) throw new Error("the POST test did not file");
    const listed = await client.getServiceRequests({ reportIds: [filed.id, "khong-co"] });
    expect(listed, client.error).toHaveLength(1);
    const one = await client.getServiceRequest(filed.id);
    expect(one, client.error).toHaveLength(1);
    for (const request of [listed?.[0], one?.[0]]) {
      expect(request && textOf(request, "service_request_id")).toBe(filed.id);
      expect(request && textOf(request, "status")).toBe("open");
      expect(request && textOf(request, "service_code")).toBe("bribery");
      const text = JSON.stringify(request);
      for (const secret of [filed.trackingCode, unitId, "500.000", "Bình", "example.org"])
        expect(text).not.toContain(secret);
    }
  });

  it("after the admin revokes its key, a POST is refused with 403 in the error list and nothing is filed", async () => {
    expect((await call(admin, `/api/admin/api-clients/${clientId}/revoke`, { method: "POST" })).status).toBe(200);
    const count = async () => (await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>())?.n;
    const before = await count();
    const id = await client.sendServiceRequest({
      serviceCode: "delay",
      description: "Hồ sơ cấp phép xây dựng nộp từ tháng trước đến nay vẫn chưa có kết quả dù đã quá hạn.",
      addressId: unitId,
      attributes: {},
    });
    expect(id).toBe(0);
    expect(client.error).toMatch(/^request failed: 403\nerror: 403: /);
    expect(await count()).toBe(before);
  });

  it("works the same in JSON: a key without a jurisdiction files, and the request reads as in XML", async () => {
    if (!filed) throw new Error("the POST test did not file");
    const res = await call(admin, "/api/admin/api-clients", {
      method: "POST",
      body: { name: "Công cụ báo chí (JSON)", requestsPerHour: 10 },
    });
    const issued = ApiClientIssuedSchema.parse(await res.json());
    const endpoint = await Open311Client.discover(`${ORIGIN}/open311/v2/discovery.json`);
    const json = new Open311Client({
      endpoint: endpoint?.url ?? "",
      apiKey: issued.key,
      format: "json",
      headers: { "CF-Connecting-IP": freshIp() },
    });
    expect((await json.getServiceList())?.length, json.error).toBeGreaterThanOrEqual(7);
    const id = await json.sendServiceRequest({
      serviceCode: "conduct",
      description: "Cán bộ tiếp dân quát nạt và không hướng dẫn thủ tục khi tôi hỏi về giấy phép kinh doanh.",
      addressId: unitId,
      attributes: { title: "Thái độ" },
    });
    expect(id, json.error).not.toBe(0);
    const [asJson] = (await json.getServiceRequest(filed.id)) ?? [];
    const [asXml] = (await client.getServiceRequest(filed.id)) ?? [];
    const fields = [
      "service_request_id",
      "status",
      "status_notes",
      "service_code",
      "service_name",
      "requested_datetime",
    ];
    expect(fields.map((f) => textOf(asJson ?? {}, f))).toEqual(fields.map((f) => textOf(asXml ?? {}, f)));
  });
});
