import type { Receipt } from "../../../worker/src/contracts/reports";
import type { ClientStrings } from "../i18n";
import { formatDate, formatDateTime } from "./format";
import { byId } from "./strings";

/** The receipt as plain text: what the copy and download buttons hand over. */
export function receiptText(receipt: Receipt, followUrl: string, t: ClientStrings): string {
  return [
    t.receiptTitle,
    "",
    `${byId("receipt-code-label").textContent}: ${receipt.trackingCode}`,
    `${byId("receipt-secret-label").textContent}: ${receipt.secret}`,
    `${t.receiptDate}: ${formatDate(receipt.receivedAt)}`,
    `${t.receiptFollow}: ${followUrl}`,
    "",
    t.receiptKeep,
    "",
  ].join("\r\n");
}

/**
 * Shows the receipt once, in place of the form, and wires copy (clipboard)
 * and download (a Blob saved as .txt). The secret lives only in this DOM and
 * in the file the user chooses to keep.
 */
export function showReceipt(receipt: Receipt, followPath: string, t: ClientStrings): void {
  const followUrl = `${location.origin}${followPath}#${receipt.trackingCode}`;
  byId("receipt-code").textContent = receipt.trackingCode;
  byId("receipt-secret").textContent = receipt.secret;
  byId("receipt-received").textContent = formatDateTime(receipt.receivedAt);
  byId<HTMLAnchorElement>("receipt-follow").href = `${followPath}#${receipt.trackingCode}`;
  const text = receiptText(receipt, followUrl, t);
  const feedback = byId("receipt-feedback");

  byId("copy-receipt").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      feedback.textContent = t.copied;
    } catch {
      feedback.textContent = t.copyFailed;
    }
  });

  byId("download-receipt").addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${t.receiptFile}-${receipt.trackingCode}.txt`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  const section = byId("receipt");
  section.hidden = false;
  byId("receipt-heading").focus();
}
