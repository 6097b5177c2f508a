import { hmacHex } from "./crypto";

/**
 * A stable, salted key for the client behind a request, for rate limits.
 * The raw IP (from `CF-Connecting-IP`) is hashed with `IP_HASH_SALT` and a
 * purpose and never stored or logged.
 *
 * @example
 * await clientKey(env.IP_HASH_SALT, "login", request.headers.get("cf-connecting-ip")) // "3f1c…" (64 hex chars)
 */
export function clientKey(salt: string, purpose: string, ip: string | null | undefined): Promise<string> {
  return hmacHex(salt, `${purpose}:${ip ?? "unknown"}`);
}

/**
 * Who filed a report, as a salted hash for counting independent witnesses
 * (`countWitnesses`): for the web form the client's address; for a report
 * staff entered, its channel and the reporter's contact (phone, else e-mail,
 * else name), never the staff account. Null when nobody can be told apart:
 * no address, or a staff-entered report without contact details.
 *
 * @example
 * await witnessKey(env.IP_HASH_SALT, { channel: "web", ip: "203.0.113.7" }) // "9a0e…"
 * await witnessKey(env.IP_HASH_SALT, { channel: "hotline", contact: { phone: "+84912345678" } }) // "51c2…"
 */
export async function witnessKey(
  salt: string,
  from: { channel: string; ip?: string | null; contact?: { name?: string; email?: string; phone?: string } },
): Promise<string | null> {
  if (from.channel === "web") {
    const ip = from.ip?.trim();
    return ip ? clientKey(salt, "witness:web", ip) : null;
  }
  const contact = from.contact;
  const who = contact?.phone
    ? `phone:${contact.phone.replace(/^\+84/, "0")}`
    : contact?.email
      ? `email:${contact.email.trim().toLowerCase()}`
      : contact?.name?.trim()
        ? `name:${contact.name.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ")}`
        : null;
  return who ? hmacHex(salt, `witness:${from.channel}:${who}`) : null;
}
