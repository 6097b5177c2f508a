import { env, SELF } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CATEGORY_CODES } from "../../src/contracts/categories";
import { asXmlText } from "../open311/xml-reader";
import { solvedAltcha } from "../support/altcha";
import { insertUnits } from "../support/fixtures";
import { leadIdOf, moveLead, type Session, signIn } from "../support/leads";
import {
  expectErrors,
  expectJson,
  expectSchema,
  expectXml,
  getBoth,
  insertClient,
  OPEN311,
  open311Get,
  open311Post,
} from "../support/open311";

/**
 * Open311 GeoReport v2 at /open311/v2 (issue 14), with mySociety's
 * servicerequestupdates: every answer validates against the schemas of
 * worker/test/open311, the XML says what the JSON says, errors are Open311
 * error lists, and nothing published lets anyone find the reporter. The clock
 * is pinned at TEST_EPOCH, Monday 15 June 2026, 12:20 in Hanoi.
 */

const DESCRIPTION = "Cán bộ một cửa đòi 2 triệu đồng mới nhận hồ sơ cấp phép xây dựng của gia đình tôi.";
const OFFICIAL = "Ông Trần Văn Bình, chuyên viên";
const PROCEDURE = "Cấp giấy phép xây dựng nhà ở riêng lẻ";
const EMAIL = "nguoi.phan.anh@example.vn";

interface PostAnswer {
  service_request_id: string;
  service_notice: string;
  tracking_code: string;
  secret: string;
}

interface RequestItem {
  service_request_id: string;
  status: string;
  status_notes: string;
  service_name: string;
  service_code: string;
  requested_datetime: string;
  updated_datetime: string;
}

let client: { id: string; key: string };

beforeAll(async () => {
  await insertUnits(env.DB);
  client = await insertClient({ name: "Ứng dụng 1022" });
});

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM rate_limits").run();
});

/** The fields of a valid named report about Sở Xây dựng. */
function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: client.key,
    jurisdiction_id: "portal.test",
    service_code: "bribery",
    address_id: "so-xay-dung",
    description: DESCRIPTION,
    "attribute[official]": OFFICIAL,
    "attribute[procedure]": PROCEDURE,
    "attribute[reporter_kind]": "citizen",
    email: EMAIL,
    first_name: "Nguyễn",
    last_name: "An",
    ...overrides,
  };
}

/** Files a request and returns the answer's one item. */
async function file(overrides: Record<string, string> = {}): Promise<PostAnswer> {
  const res = await open311Post("requests.json", form(overrides));
  expect(res.headers.get("Cache-Control")).toBe("no-store");
  const [answer] = await expectJson<PostAnswer[]>(res, 201, "post-request-response.json");
  return answer as PostAnswer;
}

async function reportCount(): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>())?.n ?? 0;
}

async function reportRow(trackingCode: string) {
  return env.DB.prepare("SELECT * FROM reports WHERE tracking_code = ?")
    .bind(trackingCode)
    .first<Record<string, unknown>>();
}

describe("discovery and services", () => {
  it("discovery names the GeoReport v2 endpoint, its formats and how to get a key", async () => {
    const body = await getBoth<{ key_service: string; endpoints: Record<string, unknown>[] }>(
      "discovery",
      "",
      "discovery.json",
      "discovery",
    );
    expect(body.endpoints).toEqual([
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: OPEN311,
        changeset: expect.any(String),
        type: "production",
        formats: ["text/xml", "application/json"],
      },
    ]);
    expect(body.key_service).toMatch(/api_key/);
  });

  it("services are the report categories, in Vietnamese unless English is asked for", async () => {
    const vi = await getBoth<{ service_code: string; service_name: string }[]>(
      "services",
      "",
      "services.json",
      "services",
    );
    expect(vi.map((s) => s.service_code)).toEqual([...CATEGORY_CODES]);
    const en = await getBoth<{ service_name: string }[]>("services", "", "services.json", "services", 200, {
      "Accept-Language": "en",
    });
    expect(en.map((s) => s.service_name)).not.toEqual(vi.map((s) => s.service_name));
    expect(en[0]?.service_name).toMatch(/[a-z]/);
  });

  it("a service definition lists the attributes a POST may carry", async () => {
    const body = await getBoth<{ service_code: string; attributes: { code: string }[] }>(
      "services/bribery",
      "",
      "service-definition.json",
      "service_definition",
    );
    expect(body.service_code).toBe("bribery");
    expect(body.attributes.map((a) => a.code)).toEqual(["reporter_kind", "procedure", "official", "occurred_on"]);
  });

  it("an unknown service code, resource or suffix is a 404 error list", async () => {
    await expectErrors(await open311Get("services/parking.json"), 404);
    await expectErrors(await open311Get("services/parking.xml"), 404, "xml");
    await expectErrors(await open311Get("tokens/abc.json"), 404);
    await expectErrors(await open311Get("requests.html"), 404);
    await expectErrors(await open311Get("nothing.xml"), 404, "xml");
    await expectErrors(await SELF.fetch("https://portal.test/open311/v3/services.json"), 404);
  });

  it("another jurisdiction is a 404", async () => {
    const [error] = await expectErrors(await open311Get("services.json?jurisdiction_id=hcmc.gov.vn"), 404);
    expect(error?.description).toMatch(/jurisdiction_id/);
    await getBoth("services", "jurisdiction_id=portal.test", "services.json", "services");
  });
});

describe("POST requests", () => {
  it("files a named report through the portal's filing: triage, channel open311, contact sealed, receipt once", async () => {
    const before = await env.DB.prepare("SELECT use_count FROM api_clients WHERE id = ?")
      .bind(client.id)
      .first<{ use_count: number }>();
    const answer = await file();
    expect(answer.service_request_id).toMatch(/^[0-9a-f]{16}$/);
    expect(answer.tracking_code).toMatch(/^PA-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(answer.service_request_id).not.toContain(answer.tracking_code);
    expect(answer.secret.length).toBeGreaterThan(20);
    expect(answer.service_notice).toMatch(/tracking_code/);

    const row = await reportRow(answer.tracking_code);
    expect(row).toMatchObject({
      public_id: answer.service_request_id,
      channel: "open311",
      track: "named",
      unit_id: "so-xay-dung",
      category_code: "bribery",
      official_hint: OFFICIAL,
      procedure: PROCEDURE,
      status: "received",
    });
    expect(row?.lead_id).toEqual(expect.any(String));
    expect(String(row?.contact_ciphertext)).not.toContain(EMAIL);

    const after = await env.DB.prepare("SELECT use_count, last_used_at FROM api_clients WHERE id = ?")
      .bind(client.id)
      .first<{ use_count: number; last_used_at: string }>();
    expect(after?.use_count).toBe((before?.use_count ?? 0) + 1);
    expect(after?.last_used_at).toEqual(expect.any(String));

    const audit = await env.DB.prepare("SELECT actor_kind, summary FROM audit_log WHERE target_id = ? AND action = ?")
      .bind(row?.id, "report.filed_by_client")
      .first<{ actor_kind: string; summary: string }>();
    expect(JSON.parse(audit?.summary ?? "{}")).toMatchObject({ clientId: client.id, channel: "open311" });
    expect(audit?.summary).not.toContain(EMAIL);
    expect(audit?.summary).not.toContain("Nguyễn");

    const stats = await env.DB.prepare("SELECT sum(reports_open311) AS n FROM stats_cells").first<{ n: number }>();
    expect(stats?.n).toBeGreaterThanOrEqual(1);
  });

  it("answers in XML too, and takes a JSON body and an anonymous report", async () => {
    const res = await open311Post("requests.xml", form({ email: "", first_name: "", last_name: "" }));
    const xml = (await expectXml(res, 201, "service_requests")) as unknown as PostAnswer[];
    expectSchema("post-request-response.json", xml);
    expect((await reportRow(xml[0]?.tracking_code ?? ""))?.track).toBe("anonymous");

    const json = await SELF.fetch(`${OPEN311}/requests.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        ...form(),
        email: undefined,
        phone: "0912345678",
        "attribute[official]": undefined,
        attribute: { official: "Bà Lê Thị Cúc" },
      }),
    });
    const [answer] = await expectJson<PostAnswer[]>(json, 201, "post-request-response.json");
    expect(await reportRow(answer?.tracking_code ?? "")).toMatchObject({
      track: "named",
      official_hint: "Bà Lê Thị Cúc",
    });
  });

  it("refuses a missing, unknown or revoked key with a 403 and files nothing", async () => {
    const revoked = await insertClient({ revoked: true });
    const count = await reportCount();
    for (const key of ["", "o311_not-a-key", revoked.key]) {
      await expectErrors(await open311Post("requests.json", form({ api_key: key })), 403);
      await expectErrors(await open311Post("requests.xml", form({ api_key: key })), 403, "xml");
    }
    const { api_key: _, ...withoutKey } = form();
    const [missing] = await expectErrors(await open311Post("requests.json", withoutKey), 403);
    expect(missing?.description).toMatch(/api_key/);
    expect(await reportCount()).toBe(count);
    const used = await env.DB.prepare("SELECT use_count FROM api_clients WHERE id = ?")
      .bind(revoked.id)
      .first<{ use_count: number }>();
    expect(used?.use_count).toBe(0);
  });

  it("a public app's key also needs a solved ALTCHA", async () => {
    const app = await insertClient({ publicApp: true });
    const count = await reportCount();
    await expectErrors(await open311Post("requests.json", form({ api_key: app.key })), 403);
    await expectErrors(await open311Post("requests.json", form({ api_key: app.key, altcha: "bm9wZQ==" })), 403);
    expect(await reportCount()).toBe(count);
    const answer = await file({ api_key: app.key, altcha: await solvedAltcha() });
    expect((await reportRow(answer.tracking_code))?.channel).toBe("open311");
  });

  it("bad arguments are 400s naming each argument, in the request's language", async () => {
    const count = await reportCount();
    const [code] = await expectErrors(await open311Post("requests.json", form({ service_code: "parking" })), 400);
    expect(code?.description).toMatch(/^service_code: /);
    const [unit] = await expectErrors(await open311Post("requests.json", form({ address_id: "no-such-unit" })), 400);
    expect(unit?.description).toMatch(/^address_id: /);
    const both = await expectErrors(
      await open311Post("requests.xml", form({ description: "ngắn", email: "not-an-email" }), {
        "Accept-Language": "en",
      }),
      400,
      "xml",
    );
    expect(both.map((e) => e.description.split(":")[0]).sort()).toEqual(["description", "email"]);
    const [kind] = await expectErrors(
      await open311Post("requests.json", form({ "attribute[reporter_kind]": "alien" })),
      400,
    );
    expect(kind?.description).toMatch(/^attribute\[reporter_kind\]: /);
    // A name alone is no way to reach the person: a named report needs an e-mail or a phone number.
    const [contact] = await expectErrors(await open311Post("requests.json", form({ email: "", phone: "" })), 400);
    expect(contact?.description).toMatch(/^email: /);
    await expectErrors(
      await SELF.fetch(`${OPEN311}/requests.json`, {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: "x",
      }),
      400,
    );
    const multipart = new FormData();
    for (const [name, value] of Object.entries(form())) multipart.append(name, value);
    multipart.append("media", new Blob(["GIF89a"], { type: "image/gif" }), "photo.gif");
    await expectErrors(await SELF.fetch(`${OPEN311}/requests.json`, { method: "POST", body: multipart }), 400);
    expect(await reportCount()).toBe(count);
  });

  it("a client past its hourly limit gets a 400 with Retry-After", async () => {
    const slow = await insertClient({ requestsPerHour: 1 });
    await file({ api_key: slow.key });
    const res = await open311Post("requests.json", form({ api_key: slow.key }));
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    await expectErrors(res, 400);
  });

  it("another jurisdiction files nothing", async () => {
    const count = await reportCount();
    await expectErrors(await open311Post("requests.json", form({ jurisdiction_id: "hcmc.gov.vn" })), 404);
    expect(await reportCount()).toBe(count);
  });
});

describe("GET requests and one request", () => {
  it("publishes the opaque id, category, open/closed with a fixed note and the two instants, nothing else", async () => {
    const answer = await file();
    const list = await getBoth<RequestItem[]>("requests", "", "requests.json", "service_requests");
    const item = list.find((r) => r.service_request_id === answer.service_request_id);
    expect(item).toEqual({
      service_request_id: answer.service_request_id,
      status: "open",
      status_notes: "Đã tiếp nhận",
      service_name: expect.any(String),
      service_code: "bribery",
      requested_datetime: expect.stringMatching(/^2026-06-15T\d{2}:\d{2}:\d{2}\+07:00$/),
      updated_datetime: expect.stringMatching(/\+07:00$/),
    });
    const one = await getBoth<RequestItem[]>(
      `requests/${answer.service_request_id}`,
      "",
      "requests.json",
      "service_requests",
    );
    expect(one).toEqual([item]);

    // Reporter safety: none of what the reporter wrote, the unit or the receipt appears anywhere.
    const unit = await env.DB.prepare("SELECT name FROM units WHERE id = 'so-xay-dung'").first<{ name: string }>();
    for (const path of [
      "requests.json",
      "requests.xml",
      `requests/${answer.service_request_id}.json`,
      `requests/${answer.service_request_id}.xml`,
      `servicerequestupdates.json?start_date=2026-06-01&end_date=2026-06-30`,
    ]) {
      const text = await (await open311Get(path)).text();
      for (const secret of [
        DESCRIPTION,
        "2 triệu",
        OFFICIAL,
        PROCEDURE,
        EMAIL,
        "Nguyễn",
        "so-xay-dung",
        unit?.name ?? "Sở Xây dựng",
        answer.tracking_code,
        answer.secret,
        "open311",
      ]) {
        expect(text, `${path} shows ${secret}`).not.toContain(secret);
      }
    }
  });

  it("a tracking code or an unknown id is a 404", async () => {
    const answer = await file();
    await expectErrors(await open311Get(`requests/${answer.tracking_code}.json`), 404);
    await expectErrors(await open311Get("requests/0000000000000000.xml"), 404, "xml");
    await expectErrors(await open311Get(`requests/${answer.service_request_id}.txt`), 404);
  });

  it("filters by status and service code (comma lists or repeats) and pages the newest first", async () => {
    const a = await file({ service_code: "delay" });
    const b = await file({ service_code: "conduct" });
    const ids = (items: RequestItem[]) => items.map((r) => r.service_request_id);

    const delayed = await getBoth<RequestItem[]>("requests", "service_code=delay", "requests.json", "service_requests");
    expect(ids(delayed)).toContain(a.service_request_id);
    expect(delayed.every((r) => r.service_code === "delay")).toBe(true);
    const both = await getBoth<RequestItem[]>(
      "requests",
      "service_code=delay,conduct&status=open&status=closed",
      "requests.json",
      "service_requests",
    );
    expect(ids(both)).toEqual(expect.arrayContaining([a.service_request_id, b.service_request_id]));
    expect(await getBoth("requests", "status=closed&service_code=delay", "requests.json", "service_requests")).toEqual(
      [],
    );

    const all = await getBoth<RequestItem[]>("requests", "", "requests.json", "service_requests");
    const times = all.map((r) => r.requested_datetime);
    expect(times).toEqual([...times].sort().reverse());
    const second = await getBoth<RequestItem[]>("requests", "page=2&page_size=1", "requests.json", "service_requests");
    expect(second).toEqual([all[1]]);
    expect(await getBoth("requests", "page=999999&page_size=1000", "requests.json", "service_requests")).toEqual([]);
  });

  it("bad dates, statuses and page bounds are 400s naming the argument", async () => {
    const cases: [string, RegExp][] = [
      ["start_date=15/06/2026", /start_date/],
      ["end_date=2026-06-15T10:00:00", /end_date/],
      ["start_date=2026-06-15T00:00:00%2B07:00&end_date=2026-06-01", /end_date/],
      ["start_date=2026-01-01&end_date=2026-06-15", /90/],
      ["status=pending", /status/],
      ["page=0", /page/],
      ["page=abc", /page/],
      ["page_size=1001", /page_size/],
      ["page_size=0", /page_size/],
    ];
    for (const [query, pattern] of cases) {
      const [json] = await expectErrors(await open311Get(`requests.json?${query}`), 400);
      expect(json?.description, query).toMatch(pattern);
      await expectErrors(await open311Get(`requests.xml?${query}`), 400, "xml");
    }
    const [en] = await expectErrors(await open311Get("requests.json?status=pending", { "Accept-Language": "en" }), 400);
    expect(en?.description).toBe("status must be open or closed");
  });

  it("defaults to the last 90 days and reads W3C date-times with any zone (an unencoded + too)", async () => {
    const old = crypto.randomUUID();
    const at = new Date(Date.now() - 100 * 24 * 3600 * 1000).toISOString();
    await env.DB.prepare(
      `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description, reporter_kind,
         received_at, updated_at) VALUES (?, ?, 'x', 'anonymous', 'so-xay-dung', 'neglect', ?, 'citizen', ?, ?)`,
    )
      .bind(old, `OLD-${old.slice(0, 8)}`, "Phản ánh cũ hơn chín mươi ngày về việc bỏ sót.", at, at)
      .run();
    const row = await env.DB.prepare("SELECT public_id FROM reports WHERE id = ?")
      .bind(old)
      .first<{ public_id: string }>();
    expect(row?.public_id).toMatch(/^[0-9a-f]{16}$/);
    const recent = await getBoth<RequestItem[]>("requests", "", "requests.json", "service_requests");
    expect(recent.map((r) => r.service_request_id)).not.toContain(row?.public_id);
    const start = new Date(Date.parse(at) - 3600_000);
    const hanoi = `${new Date(start.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
    const found = await getBoth<RequestItem[]>("requests", `start_date=${hanoi}`, "requests.json", "service_requests");
    expect(found.map((r) => r.service_request_id)).toContain(row?.public_id);
    const utc = await getBoth<RequestItem[]>(
      "requests",
      `start_date=${start.toISOString().slice(0, 19)}Z&end_date=${new Date(Date.parse(at) + 3600_000).toISOString()}`,
      "requests.json",
      "service_requests",
    );
    expect(utc.map((r) => r.service_request_id)).toEqual([row?.public_id]);
  });

  it("a list of service_request_id overrides every other argument, bound as one parameter past 100 ids", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({
      id: crypto.randomUUID(),
      at: new Date(Date.now() - (200 + i) * 24 * 3600 * 1000).toISOString(),
    }));
    await env.DB.batch(
      rows.map((r, i) =>
        env.DB.prepare(
          `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description, reporter_kind,
             received_at, updated_at) VALUES (?, ?, 'x', 'anonymous', 'phuong-dong-da', 'other', ?, 'citizen', ?, ?)`,
        ).bind(r.id, `MANY-${i}`, `Phản ánh số ${i} trong danh sách dài.`, r.at, r.at),
      ),
    );
    const { results } = await env.DB.prepare("SELECT public_id FROM reports WHERE tracking_code LIKE 'MANY-%'").all<{
      public_id: string;
    }>();
    const ids = results.map((r) => r.public_id);
    expect(ids).toHaveLength(150);
    const query = `service_request_id=${[...ids, "0000000000000000"].join(",")}&status=closed&service_code=bribery&page_size=1`;
    const found = await getBoth<RequestItem[]>("requests", query, "requests.json", "service_requests");
    expect(found.map((r) => r.service_request_id).sort()).toEqual([...ids].sort());
    const tooMany = Array.from({ length: 1001 }, (_, i) => i.toString(16).padStart(16, "0")).join(",");
    await expectErrors(await open311Get(`requests.json?service_request_id=${tooMany}`), 400);
  });
});

describe("servicerequestupdates", () => {
  let inspector: Session;
  let supervisor: Session;

  beforeAll(async () => {
    inspector = await signIn("inspector");
    supervisor = await signIn("supervisor");
  });

  it("both dates are required and checked like the requests'", async () => {
    for (const query of ["", "start_date=2026-06-01", "end_date=2026-06-30", "start_date=x&end_date=y"]) {
      await expectErrors(await open311Get(`servicerequestupdates.json?${query}`), 400);
      await expectErrors(await open311Get(`servicerequestupdates.xml?${query}`), 400, "xml");
    }
    await expectErrors(await open311Get("servicerequestupdates.json?start_date=2026-01-01&end_date=2026-06-30"), 400);
  });

  it("one update per change of the published state, with the fixed note; asking the reporter publishes nothing", async () => {
    const answer = await file({ service_code: "harassment", address_id: "phuong-hoan-kiem" });
    const leadId = await leadIdOf(answer.tracking_code);
    const window = `start_date=2026-06-15T00:00:00%2B07:00&end_date=${encodeURIComponent(
      new Date(Date.now() + 3600_000).toISOString(),
    )}`;
    const mine = async () =>
      (
        await getBoth<Record<string, string>[]>(
          "servicerequestupdates",
          `${window}&api_key=`,
          "servicerequestupdates.json",
          "service_request_updates",
        )
      ).filter((u) => u.service_request_id === answer.service_request_id);
    expect(await mine()).toEqual([]);

    await moveLead(inspector.cookie, leadId, { to: "in_review" });
    await moveLead(inspector.cookie, leadId, { to: "info_requested", reason: "Xin cho biết thời gian nộp hồ sơ." });
    await moveLead(inspector.cookie, leadId, { to: "in_review" });
    await moveLead(supervisor.cookie, leadId, { to: "referred" });

    const updates = await mine();
    expect(updates.map((u) => [u.status, u.description, u.external_status_code])).toEqual([
      ["investigating", "Đang xem xét", "in_review"],
      ["action_scheduled", "Đã chuyển kiểm tra", "referred"],
    ]);
    expect(new Set(updates.map((u) => u.update_id)).size).toBe(2);
    expect(updates.every((u) => u.media_url === "" && u.updated_datetime?.endsWith("+07:00"))).toBe(true);

    const [request] = await getBoth<RequestItem[]>(
      `requests/${answer.service_request_id}`,
      "",
      "requests.json",
      "service_requests",
    );
    expect(request).toMatchObject({ status: "open", status_notes: "Đã chuyển kiểm tra" });
    expect(request?.updated_datetime).toBe(updates.at(-1)?.updated_datetime);
    const en = await getBoth<Record<string, string>[]>(
      "servicerequestupdates",
      window,
      "servicerequestupdates.json",
      "service_request_updates",
      200,
      { "Accept-Language": "en" },
    );
    expect(en.filter((u) => u.service_request_id === answer.service_request_id).map((u) => u.description)).toEqual([
      "Under review",
      "Referred for inspection",
    ]);
  });
});

describe("the error format", () => {
  it("never answers problem+json, and JSON and XML errors say the same", async () => {
    const json = await expectErrors(await open311Get("requests.json?page=0"), 400);
    const xml = await expectErrors(await open311Get("requests.xml?page=0"), 400, "xml");
    expect(xml).toEqual(json);
    expect(asXmlText(json)).toEqual(asXmlText(xml));
  });
});
