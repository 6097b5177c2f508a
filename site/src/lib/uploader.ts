import type { Attachment } from "../../../worker/src/contracts/reports";
import type { ClientStrings } from "../i18n";
import { type ApiResult, api, failureMessage } from "./api";
import { formatBytes } from "./format";
import { fill } from "./strings";

/** Evidence limits, written into `data-*` attributes at build time from the contract. */
export interface EvidenceLimits {
  maxFiles: number;
  maxBytes: number;
  types: string[];
}

/** Reads the limits from an element carrying `data-max-files`, `data-max-bytes` and `data-types`. */
export function readLimits(element: HTMLElement): EvidenceLimits {
  return {
    maxFiles: Number(element.dataset.maxFiles),
    maxBytes: Number(element.dataset.maxBytes),
    types: (element.dataset.types ?? "").split(","),
  };
}

const EXTENSIONS: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  pdf: "application/pdf",
};

function typeOf(file: File): string {
  return file.type || EXTENSIONS[file.name.split(".").pop()?.toLowerCase() ?? ""] || "";
}

/**
 * Checks count, size and type before anything is sent, so the user learns at
 * once; the server checks again from the content.
 */
export function checkFiles(files: File[], limits: EvidenceLimits, t: ClientStrings, alreadyStored = 0): string[] {
  const problems: string[] = [];
  if (files.length + alreadyStored > limits.maxFiles) problems.push(fill(t.tooManyFiles, { max: limits.maxFiles }));
  for (const file of files) {
    if (!limits.types.includes(typeOf(file))) problems.push(fill(t.fileBadType, { name: file.name }));
    else if (file.size > limits.maxBytes) problems.push(fill(t.fileTooBig, { name: file.name }));
  }
  return problems;
}

/** Lists chosen files with their sizes. */
export function renderFileList(list: HTMLElement, files: File[], lang: "vi" | "en"): void {
  list.replaceChildren(
    ...files.map((file) => {
      const item = document.createElement("li");
      item.textContent = `${file.name} (${formatBytes(file.size, lang)})`;
      return item;
    }),
  );
}

/** Uploads one file through the API client (XMLHttpRequest there, for the progress). */
export function uploadOne(
  trackingCode: string,
  secret: string,
  file: File,
  lang: string,
  onProgress: (loaded: number) => void,
): Promise<ApiResult<Attachment>> {
  return api.reports.uploadEvidence(trackingCode, secret, file, lang, onProgress);
}

/** Where an upload run reports to. */
export interface UploadView {
  progress: HTMLProgressElement;
  results: HTMLElement;
  status: HTMLElement;
}

/**
 * Uploads files one after another; the bar shows the bytes of all files and
 * each file gets a line saying whether it was stored and, if not, why.
 */
export async function uploadAll(
  trackingCode: string,
  secret: string,
  files: File[],
  view: UploadView,
  lang: "vi" | "en",
  t: ClientStrings,
): Promise<Attachment[]> {
  const total = files.reduce((sum, file) => sum + file.size, 0) || 1;
  let done = 0;
  const stored: Attachment[] = [];
  view.progress.max = total;
  view.progress.value = 0;
  view.progress.hidden = false;
  view.results.replaceChildren();
  for (const file of files) {
    view.status.textContent = fill(t.uploading, { name: file.name });
    const result = await uploadOne(trackingCode, secret, file, lang, (loaded) => {
      view.progress.value = done + Math.min(loaded, file.size);
    });
    done += file.size;
    view.progress.value = done;
    const line = document.createElement("li");
    if (result.ok) {
      stored.push(result.data);
      line.className = "ok";
      line.textContent = fill(t.uploaded, { name: file.name });
    } else {
      line.className = "error";
      line.textContent = fill(t.uploadFailed, { name: file.name, reason: failureMessage(result.failure, t) });
    }
    view.results.append(line);
  }
  view.status.textContent = fill(t.uploadsDone, { ok: stored.length, total: files.length });
  return stored;
}
