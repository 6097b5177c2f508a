/**
 * Self-hosted ALTCHA widget, CSP-friendly build: `altcha/external` ships its
 * styles as a separate CSS file and no inline workers, so the page needs
 * neither `'unsafe-inline'` nor `blob:`. Workers are bundled as files under
 * /_astro/ and registered for the algorithms altcha-lib's `createChallenge`
 * can issue (PBKDF2 and plain SHA).
 */
import "altcha/external";
import "altcha/altcha.css";
import "altcha/i18n/vi";
import Pbkdf2Worker from "altcha/workers/pbkdf2?worker";
import ShaWorker from "altcha/workers/sha?worker";

for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
  $altcha.algorithms.set(algorithm, () => new Pbkdf2Worker());
}
for (const algorithm of ["SHA-256", "SHA-384", "SHA-512"]) {
  $altcha.algorithms.set(algorithm, () => new ShaWorker());
}
