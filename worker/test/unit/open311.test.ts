import { describe, expect, it } from "vitest";
import { REPORT_STATUSES } from "../../src/contracts/reports";
import {
  commaList,
  dateWindow,
  isOurJurisdiction,
  paging,
  parseW3cDateTime,
  requestsQuery,
  toW3cHanoi,
} from "../../src/domain/open311/params";
import { PUBLISHED_REPRESENTATIVE, PUBLISHED_STATES, publishedState } from "../../src/domain/open311/status";
import { escapeXmlText, toXmlDocument } from "../../src/domain/open311/xml";
import { newPublicId } from "../../src/domain/receipt";
import { open311Validator } from "../open311/schemas";
import { asXmlText, parseXml } from "../open311/xml-reader";

const NOW = new Date("2026-06-15T05:20:00.000Z");
const DAY = 24 * 3600 * 1000;

describe("the XML serializer", () => {
  it("escapes markup and drops what XML 1.0 cannot carry, keeping Vietnamese and astral characters", () => {
    expect(escapeXmlText("a < b && c > d ]]>")).toBe("a &lt; b &amp;&amp; c &gt; d ]]&gt;");
    expect(escapeXmlText("x\u0000y\u0008z\u000bw\tv\nu\r")).toBe("xyzw\tv\nu\r");
    expect(escapeXmlText("Đống Đa 😀 \ud800 \uffff")).toBe("Đống Đa 😀  ");
  });

  it("writes the Spark mapping: declaration, plural roots with singular children, empty elements for null", () => {
    const xml = toXmlDocument("service_requests", [
      { service_request_id: "1", status_notes: null, service_name: "<b>&", skipped: undefined },
      { service_request_id: "2", status_notes: "" },
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>1</service_request_id><status_notes/><service_name>&lt;b&gt;&amp;</service_name></request><request><service_request_id>2</service_request_id><status_notes/></request></service_requests>\n',
    );
    expect(toXmlDocument("services", [])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<services/>\n');
    expect(() => toXmlDocument("bad name", {})).toThrow();
  });

  it("reads back as the JSON it came from, nested lists included", () => {
    const discovery = {
      changeset: "2026-12-06T00:00:00Z",
      contact: "Sở Nội vụ & Đoàn kiểm tra",
      key_service: "x",
      endpoints: [
        {
          specification: "http://wiki.open311.org/GeoReport_v2",
          url: "https://a/open311/v2",
          changeset: "c",
          type: "test",
          formats: ["text/xml", "application/json"],
        },
      ],
    };
    const parsed = parseXml(toXmlDocument("discovery", discovery));
    expect(parsed).toEqual({ root: "discovery", value: asXmlText(discovery) });
    expect(open311Validator.validate("discovery.json", discovery).valid).toBe(true);
  });
});

describe("W3C date-times", () => {
  it("reads a zone, Z, fractions, a bare date (midnight in Hà Nội) and a + sent unencoded", () => {
    expect(parseW3cDateTime("2026-12-01T09:30:00+07:00")?.toISOString()).toBe("2026-12-01T02:30:00.000Z");
    expect(parseW3cDateTime("2026-12-01T09:30+07:00")?.toISOString()).toBe("2026-12-01T02:30:00.000Z");
    expect(parseW3cDateTime("2026-12-01T09:30:00 07:00")?.toISOString()).toBe("2026-12-01T02:30:00.000Z");
    expect(parseW3cDateTime("2026-12-01T02:30:00.250Z")?.toISOString()).toBe("2026-12-01T02:30:00.250Z");
    expect(parseW3cDateTime("2026-12-01T00:00:00-05:00")?.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(parseW3cDateTime("2026-12-01")?.toISOString()).toBe("2026-11-30T17:00:00.000Z");
  });

  it("refuses a date-time without a zone, impossible dates and other formats", () => {
    for (const text of [
      "2026-12-01T09:30:00",
      "2026-02-30",
      "2026-12-01T24:00:00Z",
      "01/12/2026",
      "2026-12-01T09:30:00+0700",
      "",
      "tomorrow",
    ]) {
      expect(parseW3cDateTime(text), text).toBeUndefined();
    }
  });

  it("writes Hà Nội time with seconds and +07:00", () => {
    expect(toW3cHanoi("2026-06-14T17:00:00.999Z")).toBe("2026-06-15T00:00:00+07:00");
    expect(toW3cHanoi(NOW)).toBe("2026-06-15T12:20:00+07:00");
  });
});

describe("the arguments of the lists", () => {
  it("reads comma lists and repeats alike; empty is absent", () => {
    expect(commaList({ status: ["open,closed", " open ", ""] }, "status")).toEqual(["open", "closed", "open"]);
    expect(commaList({ status: [""] }, "status")).toEqual([]);
  });

  it("applies the spec's 90-day window", () => {
    expect(dateWindow({}, NOW)).toEqual({ ok: true, value: { from: new Date(NOW.getTime() - 90 * DAY), to: NOW } });
    const start = new Date(NOW.getTime() - 10 * DAY);
    expect(dateWindow({ start_date: [start.toISOString()] }, NOW)).toEqual({
      ok: true,
      value: { from: start, to: NOW },
    });
    const end = new Date("2026-01-01T00:00:00Z");
    expect(dateWindow({ end_date: [end.toISOString()] }, NOW)).toEqual({
      ok: true,
      value: { from: new Date(end.getTime() - 90 * DAY), to: end },
    });
    expect(dateWindow({ start_date: ["2026-01-01"], end_date: ["2026-04-01"] }, NOW)).toMatchObject({ ok: true });
    expect(dateWindow({ start_date: ["2026-01-01"], end_date: ["2026-04-02"] }, NOW)).toEqual({
      ok: false,
      problems: [{ key: "span_too_long", argument: "end_date" }],
    });
    expect(dateWindow({ start_date: ["2026-02-01"], end_date: ["2026-01-01"] }, NOW)).toEqual({
      ok: false,
      problems: [{ key: "end_before_start", argument: "end_date" }],
    });
    expect(dateWindow({}, NOW, true)).toEqual({
      ok: false,
      problems: [
        { key: "dates_required", argument: "start_date" },
        { key: "dates_required", argument: "end_date" },
      ],
    });
  });

  it("pages from 1, at most 1000 a page", () => {
    expect(paging({})).toEqual({ ok: true, value: { page: 1, pageSize: 1000 } });
    expect(paging({ page: ["3"], page_size: ["20"] })).toEqual({ ok: true, value: { page: 3, pageSize: 20 } });
    const refused: Record<string, string[]>[] = [
      { page: ["0"] },
      { page: ["-1"] },
      { page: ["1.5"] },
      { page_size: ["1001"] },
      { page_size: ["0"] },
    ];
    for (const args of refused) {
      expect(paging(args).ok, JSON.stringify(args)).toBe(false);
    }
  });

  it("lets a list of ids override everything else, up to 1000", () => {
    expect(requestsQuery({ service_request_id: ["a,b", "a"], status: ["bogus"], page: ["0"] }, NOW)).toEqual({
      ok: true,
      value: { kind: "ids", ids: ["a", "b"] },
    });
    const many = Array.from({ length: 1001 }, (_, i) => String(i)).join(",");
    expect(requestsQuery({ service_request_id: [many] }, NOW)).toMatchObject({ ok: false });
    expect(requestsQuery({ status: ["OPEN"] }, NOW)).toMatchObject({ ok: true, value: { statuses: ["open"] } });
    expect(requestsQuery({ status: ["open,pending"], page: ["x"] }, NOW)).toEqual({
      ok: false,
      problems: [
        { key: "bad_status", argument: "status" },
        { key: "bad_page", argument: "page" },
      ],
    });
  });

  it("serves one jurisdiction: this host, without www", () => {
    expect(isOurJurisdiction(undefined, "portal.test")).toBe(true);
    expect(isOurJurisdiction("", "portal.test")).toBe(true);
    expect(isOurJurisdiction("PORTAL.test", "www.portal.test")).toBe(true);
    expect(isOurJurisdiction("hcmc.gov.vn", "portal.test")).toBe(false);
  });
});

describe("published states", () => {
  it("never publish more than the reporter sees: asking for information reads as the review", () => {
    expect(publishedState("info_requested")).toEqual(publishedState("in_review"));
    expect(PUBLISHED_REPRESENTATIVE.info_requested).toBe("in_review");
    expect(publishedState("something_new")).toEqual(PUBLISHED_STATES.in_review);
    for (const status of REPORT_STATUSES) {
      const state = PUBLISHED_STATES[status];
      expect(
        open311Validator.validate("servicerequestupdates.json", [
          {
            update_id: "u",
            service_request_id: "r",
            status: state.state,
            updated_datetime: "2026-06-15T12:20:00+07:00",
            description: state.note.vi,
            media_url: "",
          },
        ]).valid,
      ).toBe(true);
    }
    expect(PUBLISHED_STATES.concluded.status).toBe("closed");
    expect(PUBLISHED_STATES.referred.status).toBe("open");
  });

  it("public ids are 16 hex digits, not sequential", () => {
    expect(newPublicId(() => new Uint8Array([0, 1, 2, 253, 254, 255, 16, 15]))).toBe("000102fdfeff100f");
    expect(newPublicId()).toMatch(/^[0-9a-f]{16}$/);
    expect(newPublicId()).not.toBe(newPublicId());
  });
});
