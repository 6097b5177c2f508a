import { ConsoleElement, define } from "../../../lib/console/element";
import type { ConsoleUser } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { me, startAccount } from "./state";

/** `<account-profile>`: who is signed in, and what they must do first (change a temporary password, enrol TOTP). */
class AccountProfile extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await startAccount())) return;
    me.subscribe((user) => this.render(user));
  }

  private render(user: ConsoleUser): void {
    const t = text.console();
    this.ref("email", HTMLElement).textContent = user.email;
    this.ref("name", HTMLElement).textContent = user.displayName;
    this.ref("role", HTMLElement).textContent = text.roles().get(user.role);
    for (const node of this.refs("ties", HTMLElement)) node.hidden = user.role === "admin";
    this.ref("ties-list", HTMLElement).textContent = user.unitTies.length ? user.unitTies.join(", ") : t.get("none");
    const notices = [
      ...(user.mustChangePassword ? [t.get("mustChange")] : []),
      ...(user.totpRequired && !user.totpEnabled ? [t.get("mustEnrol")] : []),
    ];
    const box = this.ref("notices", HTMLElement);
    box.replaceChildren(
      ...notices.map((notice) => {
        const p = this.fromTemplate("notice", HTMLParagraphElement);
        p.textContent = notice;
        return p;
      }),
    );
    box.hidden = notices.length === 0;
  }
}

define("account-profile", AccountProfile);
