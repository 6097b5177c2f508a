import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { insertUnits } from "../support/fixtures";
import {
  auditByAction,
  conclusionBody,
  createInspection,
  expectInspection,
  findingBody,
  inspectionBody,
  inspectionReadyToConclude,
  referredLead,
} from "../support/inspections";
import { call, createUnit, expectProblem, type Session, signIn } from "../support/leads";

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

/** Today in Hanoi. */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function concluded(unitId: string, outcome: string, position?: string) {
  const { inspection } = await inspectionReadyToConclude(supervisor, unitId, { outcome, position });
  await expectInspection(
    await call(supervisor.cookie, `/api/inspections/${inspection.id}/conclusion`, {
      method: "POST",
      body: conclusionBody([{ responsibleUnitId: unitId, description: "Chấn chỉnh", deadline: "2099-12-31" }]),
    }),
  );
}

describe("personnel export (công tác cán bộ)", () => {
  let unitName: string;
  let unitId: string;
  let tiedSupervisor: Session;

  beforeAll(async () => {
    const unit = await createUnit({ name: "Phường Kim Liên" });
    unitId = unit.id;
    unitName = unit.name;
    tiedSupervisor = await signIn("supervisor", { ties: [unitId] });
    await concluded(unitId, "substantiated", "Cán bộ địa chính");
    await concluded(unitId, "partly_substantiated", "Cán bộ địa chính");
    await concluded(unitId, "substantiated");
    await concluded(unitId, "not_substantiated", "Công chức tư pháp");
  });

  it("is CSV with a BOM, Vietnamese headers, one row per unit and position, dates dd/mm/yyyy", async () => {
    const from = "2026-01-01";
    const res = await call(supervisor.cookie, `/api/exports/personnel.csv?from=${from}&to=${today()}`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="cong-tac-can-bo_/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Mã đơn vị,Đơn vị,Chức vụ,Có cơ sở,Có cơ sở một phần,Tổng số,Nhóm hành vi,Phát hiện đầu tiên,Phát hiện gần nhất,Từ ngày,Đến ngày",
    );
    const mine = lines.filter((l) => l.startsWith(`${unitId},`));
    const day = ddmmyyyy(today());
    // the position-less row first, as the domain orders them
    expect(mine).toEqual([
      `${unitId},${unitName},(không xác định chức vụ),1,0,1,"Tiêu cực, đòi/nhận tiền: 1",${day},${day},01/01/2026,${day}`,
      `${unitId},${unitName},Cán bộ địa chính,1,1,2,"Tiêu cực, đòi/nhận tiền: 2",${day},${day},01/01/2026,${day}`,
    ]);
    expect(lines.some((l) => l.includes("Công chức tư pháp"))).toBe(false);
  });

  it("every export is audited with its period and row count", async () => {
    const before = (await auditByAction("export.personnel")).length;
    await call(supervisor.cookie, `/api/exports/personnel.csv?from=2020-01-01&to=2020-12-31`);
    const rows = await auditByAction("export.personnel");
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)?.actor_id).toBe(supervisor.user.id);
    expect(JSON.parse(rows.at(-1)?.summary ?? "{}")).toEqual({ from: "2020-01-01", to: "2020-12-31", rows: 0 });
  });

  it("leaves out units the supervisor is recused from", async () => {
    const res = await call(tiedSupervisor.cookie, `/api/exports/personnel.csv?from=2026-01-01&to=${today()}`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(unitId);
  });

  it("leaves out a surprise inspection for a supervisor who was not on its team", async () => {
    const unit = await createUnit({ name: "Phường Láng" });
    const { leadId } = await referredLead(supervisor, unit.id);
    const created = await createInspection(
      supervisor.cookie,
      inspectionBody(unit.id, { type: "surprise", leadIds: [leadId], team: [] }),
    );
    const path = `/api/inspections/${created.id}`;
    await expectInspection(await call(supervisor.cookie, `${path}/start`, { method: "POST" }));
    await expectInspection(
      await call(supervisor.cookie, `${path}/findings/${leadId}`, {
        method: "PUT",
        body: findingBody("substantiated"),
      }),
    );
    await expectInspection(
      await call(supervisor.cookie, `${path}/conclusion`, {
        method: "POST",
        body: conclusionBody([{ responsibleUnitId: unit.id, description: "Chấn chỉnh", deadline: "2099-12-31" }]),
      }),
    );
    const url = `/api/exports/personnel.csv?from=2026-01-01&to=${today()}`;
    expect(await (await call(supervisor.cookie, url)).text()).toContain(`${unit.id},`);
    const outsider = await signIn("supervisor");
    const res = await call(outsider.cookie, url);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(unit.id);
  });

  it("needs a valid period", async () => {
    await expectProblem(await call(supervisor.cookie, "/api/exports/personnel.csv?from=2026-02-01"), 422);
    await expectProblem(await call(supervisor.cookie, "/api/exports/personnel.csv?from=2026-02-01&to=2026-01-01"), 422);
  });

  it("refuses positions that a spreadsheet would run as a formula", async () => {
    const other = await createUnit({ name: "Phường Văn Miếu" });
    const { inspection, leadId } = await inspectionReadyToConclude(supervisor, other.id);
    const res = await call(supervisor.cookie, `/api/inspections/${inspection.id}/findings/${leadId}`, {
      method: "PUT",
      body: { ...findingBody("substantiated"), position: '=HYPERLINK("x")' },
    });
    expect((await expectProblem(res, 422)).errors?.[0]?.pointer).toBe("/position");
  });
});
