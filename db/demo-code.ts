import { generateSync } from "otplib";
import { DEMO_ACCOUNTS, demoTotpSecret } from "./demo";

// Prints the current two-step sign-in code of a demo account, for a newcomer without an authenticator
// app: npm run demo:code -- advocate@clearway.test. Demo keys are public (db/demo.ts); real ones are not
// readable by any command.

const email = (process.argv[2] ?? "").trim().toLowerCase();
if (!DEMO_ACCOUNTS.some((a) => a.email === email)) {
  console.error(`Usage: npm run demo:code -- <demo email>\nDemo accounts: ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`);
  process.exit(1);
}
const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${generateSync({ secret: demoTotpSecret(email) })}  (for ${email}; good for ${secondsLeft} more seconds, and once)`);
