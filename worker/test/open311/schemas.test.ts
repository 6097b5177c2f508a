import { describe, expect, it } from "vitest";
import { OPEN311_SCHEMAS, open311Validator } from "./schemas";

/** The failing keywords of `document` against schema `name`; [] when it validates. */
function failures(name: string, document: unknown): string[] {
  return open311Validator.validate(name, document).errors.map((e) => e.keyword);
}

const clone = <T>(value: T): T => structuredClone(value);

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("the vendored open311/schema-validation files", () => {
  // SHA-256 of JSON.stringify(JSON.parse(upstream file)) for schema/georeport-v2/*.json at
  // open311/schema-validation 47e06a443f3620b51d7dfb107e1b4d39898d7a1a (see schemas/README.md).
  // biome re-indented the files; their JSON values must stay exactly upstream's.
  const upstream: Record<string, string> = {
    "request.json": "c454a674f1b49fc4733a0995f112fce2669a9eae2dfe1099a8e978aa71c32a6c",
    "requests.json": "223ac80004f90e4a9bf97383237a723bb9fcdd12b2b6d83a01919dae5d5e6997",
    "service.json": "dfecead335d5d7f11cef8f91ded53c4e9ac501e967642b6bf8dc8c85805ba6d2",
    "services.json": "ce895cf9a44e4753936c7a2495a67c03d6ec65ccc36efab04420966f1c19e750",
    "service-definition.json": "9da1ef14cf0fa92d8c7ed31c6122a2624aba4cf5106a2d8f6421c04c9936f467",
  };
  for (const [name, hash] of Object.entries(upstream)) {
    it(`${name} is unchanged from upstream`, async () => {
      expect(OPEN311_SCHEMAS[name]).toBeDefined();
      expect(await sha256(JSON.stringify(OPEN311_SCHEMAS[name]))).toBe(hash);
    });
  }
});

// Examples below are the spec's (https://wiki.open311.org/GeoReport_v2/, open311/open311.github.io
// GeoReport/v2/index.md). Its JSON tabs are not valid JSON ("service_code":006) and give ids as
// numbers; its XML tabs give the same values as text, which is what the Spark mapping yields and
// what the schemas require, so the values are taken from the XML tabs.

describe("services.json (GET services)", () => {
  const example = [
    {
      service_code: "001",
      service_name: "Cans left out 24x7",
      description:
        "Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.",
      metadata: true,
      type: "realtime",
      keywords: "lorem, ipsum, dolor",
      group: "sanitation",
    },
    {
      service_code: "002",
      metadata: true,
      type: "realtime",
      keywords: "lorem, ipsum, dolor",
      group: "street",
      service_name: "Construction plate shifted",
      description: "Metal construction plate covering the street or sidewalk has been moved.",
    },
  ];

  it("accepts the spec's example", () => {
    expect(failures("services.json", example)).toEqual([]);
    expect(failures("service.json", example[0])).toEqual([]);
  });

  it("rejects a type outside realtime/batch/blackbox, a missing metadata, a numeric code", () => {
    const badType = clone(example);
    badType[1] = { ...example[1], type: "instant" } as (typeof example)[1];
    expect(failures("services.json", badType)).toEqual(["enum"]);
    const { metadata: _, ...noMetadata } = example[0] as (typeof example)[0];
    expect(failures("services.json", [noMetadata])).toEqual(["required"]);
    expect(failures("services.json", [{ ...example[0], service_code: 1 }])).toEqual(["type"]);
    expect(failures("services.json", { service: example })).toEqual(["type"]);
  });
});

describe("service-definition.json (GET services/{code})", () => {
  const example = {
    service_code: "DMV66",
    attributes: [
      {
        variable: true,
        code: "WHISHETN",
        datatype: "singlevaluelist",
        required: true,
        datatype_description: null,
        order: 1,
        description: "What is the ticket/tag/DL number?",
        values: [
          { key: "123", name: "Ford" },
          { key: "124", name: "Chrysler" },
        ],
      },
    ],
  };

  it("accepts the spec's example", () => {
    expect(failures("service-definition.json", example)).toEqual([]);
  });

  it("rejects an unknown datatype, a string boolean, a value without a name, no attributes", () => {
    const datatype = clone(example);
    (datatype.attributes[0] as { datatype: string }).datatype = "dropdown";
    expect(failures("service-definition.json", datatype)).toEqual(["enum"]);
    const variable = clone(example);
    (variable.attributes[0] as { variable: unknown }).variable = "true";
    expect(failures("service-definition.json", variable)).toEqual(["type"]);
    const value = clone(example);
    (value.attributes[0]?.values as unknown[])[1] = { key: "124" };
    expect(failures("service-definition.json", value)).toEqual(["required"]);
    expect(failures("service-definition.json", { service_code: "DMV66" })).toEqual(["required"]);
  });
});

describe("requests.json and request.json (GET requests, GET requests/{id})", () => {
  const example = [
    {
      service_request_id: "638344",
      status: "closed",
      status_notes: "Duplicate request.",
      service_name: "Sidewalk and Curb Issues",
      service_code: "006",
      description: null,
      agency_responsible: null,
      service_notice: null,
      requested_datetime: "2010-04-14T06:37:38-08:00",
      updated_datetime: "2010-04-14T06:37:38-08:00",
      expected_datetime: "2010-04-15T06:37:38-08:00",
      address: "8TH AVE and JUDAH ST",
      address_id: "545483",
      zipcode: "94122",
      lat: 37.762221815,
      long: -122.4651145,
      // The spec's XML has a trailing space inside <media_url>; a URI may not contain one.
      media_url: "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg",
    },
    {
      service_request_id: "638349",
      status: "open",
      status_notes: null,
      service_name: "Sidewalk and Curb Issues",
      service_code: "006",
      description: null,
      agency_responsible: null,
      service_notice: null,
      requested_datetime: "2010-04-19T06:37:38-08:00",
      updated_datetime: "2010-04-19T06:37:38-08:00",
      expected_datetime: "2010-04-19T06:37:38-08:00",
      address: "8TH AVE and JUDAH ST",
      address_id: "545483",
      zipcode: "94122",
      lat: 37.762221815,
      long: -122.4651145,
      media_url: "http://city.gov.s3.amazonaws.com/requests/media/638349.jpg",
    },
  ];

  /** What this portal intends to publish: no description, address, location, agency or media. */
  const minimal = {
    service_request_id: "r_7Qm2x",
    status: "open",
    status_notes: "Đã tiếp nhận",
    service_name: "Chậm trễ, quá hạn",
    service_code: "delay",
    requested_datetime: "2026-12-01T09:30:00+07:00",
    updated_datetime: "2026-12-02T10:00:00+07:00",
  };

  it("accepts the spec's example and the portal's minimal request", () => {
    expect(failures("requests.json", example)).toEqual([]);
    expect(failures("request.json", example[0])).toEqual([]);
    expect(failures("requests.json", [minimal])).toEqual([]);
    expect(failures("requests.json", [])).toEqual([]);
  });

  it("rejects a status outside open/closed, a date-time without a zone, a numeric id, a missing field", () => {
    expect(failures("requests.json", [{ ...minimal, status: "in_review" }])).toEqual(["enum"]);
    expect(failures("requests.json", [{ ...minimal, requested_datetime: "2026-12-01T09:30:00" }])).toEqual(["format"]);
    expect(failures("requests.json", [{ ...minimal, updated_datetime: "01/12/2026" }])).toEqual(["anyOf"]);
    // The spec's JSON tab gives ids as numbers; the schema (and FixMyStreet's XML parsing) want text.
    expect(failures("requests.json", [{ ...example[0], service_request_id: 638344 }])).toEqual(["type"]);
    const { service_code: _, ...noCode } = minimal;
    expect(failures("requests.json", [noCode])).toEqual(["required"]);
  });

  it("rejects a description over 4,000 characters and a media_url with a space", () => {
    expect(failures("request.json", { ...minimal, description: "x".repeat(4000) })).toEqual([]);
    expect(failures("request.json", { ...minimal, description: "x".repeat(4001) })).toEqual(["anyOf"]);
    expect(failures("request.json", { ...minimal, media_url: `${example[0]?.media_url} ` })).toEqual(["anyOf"]);
  });
});

describe("post-request-response.json (POST requests)", () => {
  const example = [
    {
      service_request_id: "293944",
      service_notice:
        "The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code",
      account_id: null,
    },
  ];

  it("accepts the spec's example, a token-only answer, and extra receipt fields", () => {
    expect(failures("post-request-response.json", example)).toEqual([]);
    expect(failures("post-request-response.json", [{ token: "12345" }])).toEqual([]);
    const receipt = [{ ...example[0], tracking_code: "PA-7K3M-9QX2", secret: "s3cr3t" }];
    expect(failures("post-request-response.json", receipt)).toEqual([]);
  });

  it("rejects both an id and a token, neither, a numeric id, a bare object", () => {
    expect(failures("post-request-response.json", [{ ...example[0], token: "12345" }])).toEqual(["oneOf"]);
    expect(failures("post-request-response.json", [{ service_notice: "x" }])).toEqual(["oneOf"]);
    expect(failures("post-request-response.json", [{ service_request_id: 293944 }])).toContain("type");
    expect(failures("post-request-response.json", example[0])).toEqual(["type"]);
    expect(failures("post-request-response.json", [])).toEqual(["minItems"]);
  });
});

describe("errors.json", () => {
  const example = [{ code: 403, description: "Invalid api_key received -- can't proceed with create_request." }];

  it("accepts the spec's example and a list of several errors with specific codes", () => {
    expect(failures("errors.json", example)).toEqual([]);
    const several = [
      { code: 400, description: "start_date: not a W3C date-time" },
      { code: "page_size", description: "page_size must be between 1 and 1000" },
    ];
    expect(failures("errors.json", several)).toEqual([]);
  });

  it("rejects an empty list, a missing description, a bare object, a problem+json body", () => {
    expect(failures("errors.json", [])).toEqual(["minItems"]);
    expect(failures("errors.json", [{ code: 403 }])).toEqual(["required"]);
    expect(failures("errors.json", example[0])).toEqual(["type"]);
    const problem = { type: "about:blank", title: "Forbidden", status: 403 };
    expect(failures("errors.json", problem)).toEqual(["type"]);
    expect(failures("errors.json", [{ code: 4.03, description: "x" }])).toEqual(["type"]);
  });
});

describe("discovery.json", () => {
  const example = {
    changeset: "2011-02-03 14:18",
    contact: "You can email or call for assistance api@mycity.org +1 (555) 555-5555",
    key_service: "You can request a key here: http://api.mycity.gov/api_key/request",
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: "http://open311.mycity.gov/v2",
        changeset: "2010-11-23 09:01",
        type: "production",
        formats: ["text/xml"],
      },
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: "http://open311.mycity.gov/test/v2",
        changeset: "2010-10-02 09:01",
        type: "test",
        formats: ["text/xml", "application/json"],
      },
    ],
  };

  it("accepts the spec's example", () => {
    expect(failures("discovery.json", example)).toEqual([]);
  });

  it("rejects a missing key_service, an endpoint type outside production/test, no formats, a relative url", () => {
    const { key_service: _, ...noKeyService } = example;
    expect(failures("discovery.json", noKeyService)).toEqual(["required"]);
    const staging = clone(example);
    (staging.endpoints[0] as { type: string }).type = "staging";
    expect(failures("discovery.json", staging)).toEqual(["enum"]);
    const noFormats = clone(example);
    (noFormats.endpoints[1] as { formats: string[] }).formats = [];
    expect(failures("discovery.json", noFormats)).toEqual(["minItems"]);
    const relative = clone(example);
    (relative.endpoints[0] as { url: string }).url = "/open311/v2";
    expect(failures("discovery.json", relative)).toEqual(["format"]);
    const charset = clone(example);
    (charset.endpoints[0] as { formats: string[] }).formats = ["text/xml; charset=utf-8"];
    expect(failures("discovery.json", charset)).toEqual(["pattern"]);
  });
});

describe("servicerequestupdates.json (mySociety extension)", () => {
  // Built from the wiki's field list (update_id, service_request_id, status, updated_datetime,
  // description, media_url); media_url is "" when there is none, as open311-adapter sends it.
  const example = [
    {
      update_id: "u_1",
      service_request_id: "r_7Qm2x",
      status: "investigating",
      updated_datetime: "2026-12-02T10:00:00+07:00",
      description: "",
      media_url: "",
    },
    {
      update_id: "u_2",
      service_request_id: "r_7Qm2x",
      status: "CLOSED",
      updated_datetime: "2026-12-20T16:00:00Z",
      description: "Closed",
      media_url: "https://example.org/photo.jpg",
      external_status_code: "concluded",
    },
  ];

  it("accepts updates in lower and upper case states, and an empty list", () => {
    expect(failures("servicerequestupdates.json", example)).toEqual([]);
    expect(failures("servicerequestupdates.json", [])).toEqual([]);
  });

  it("rejects a state outside the extended list, no update_id, a date-time without a zone, a missing media_url", () => {
    expect(failures("servicerequestupdates.json", [{ ...example[0], status: "resolved" }])).toEqual(["enum"]);
    expect(failures("servicerequestupdates.json", [{ ...example[0], status: "In_Progress" }])).toEqual(["enum"]);
    const { update_id: _, ...noId } = example[0] as (typeof example)[0];
    expect(failures("servicerequestupdates.json", [noId])).toEqual(["required"]);
    expect(failures("servicerequestupdates.json", [{ ...example[0], updated_datetime: "2026-12-02 10:00" }])).toEqual([
      "format",
    ]);
    const { media_url: __, ...noMedia } = example[0] as (typeof example)[0];
    expect(failures("servicerequestupdates.json", [noMedia])).toEqual(["required"]);
    expect(failures("servicerequestupdates.json", [{ ...example[0], media_url: " " }])).toEqual(["anyOf"]);
  });
});
