// Starts the built InferenceService on a free loopback port and stops it again.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

export async function startService(dll, weights) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("dotnet", [dll, "--weights", weights, "--urls", url], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", d => { output += d; });
  child.stderr.on("data", d => { output += d; });
  const deadline = Date.now() + 60_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`The service exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(url + "/")).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`The service did not answer within 60 s:\n${output}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop: () => new Promise(resolve => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
    }),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
