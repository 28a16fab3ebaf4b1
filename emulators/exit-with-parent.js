/*
 * Preloaded with `node -r ./exit-with-parent.js ...` by the Java launcher (Emulators.java).
 * The launcher keeps the child's stdin pipe open for the child's whole life; when the JVM dies
 * without running its shutdown hook (kill -9, crashed test fork) the pipe closes and this exits
 * the emulator instead of leaving it orphaned and holding its port. Active only when
 * LLMLOGS_EXIT_ON_STDIN_EOF=1, so running a script by hand from a terminal is unaffected.
 */
"use strict";

if (process.env.LLMLOGS_EXIT_ON_STDIN_EOF === "1") {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("error", () => process.exit(0));
  process.stdin.resume();
}
