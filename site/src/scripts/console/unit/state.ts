import type { UnitMeasure } from "../../../../../worker/src/contracts/liaison";
import { Store } from "../../../lib/console/store";

/** The measure the liaison's measure page shows; its widgets set the fresh copy after each write. */
export const unitMeasure = new Store<UnitMeasure>();

/** The `?id=` of the page. */
export function measureIdOfPage(): string {
  return new URLSearchParams(location.search).get("id") ?? "";
}
