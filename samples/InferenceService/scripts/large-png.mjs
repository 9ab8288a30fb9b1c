// Writes a large 8-bit grey PNG of seeded noise that fills nearly all of the service's 2 MiB upload limit: 2048 × 1020
// pixels, which deflate cannot shrink, so each request makes the service inflate and scale 2 million pixels.
// Used by loadtest.sh for its mixed run. Usage: node large-png.mjs FILE
import { writeFileSync } from "node:fs";
import { greyPng } from "./png.mjs";

const [file] = process.argv.slice(2);
const width = 2048, height = 1020;
const pixels = Buffer.alloc(width * height);
let state = 12345;
for (let i = 0; i < pixels.length; i++) {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0; // a fixed LCG: the same file every run
  pixels[i] = state >>> 24;
}
const png = greyPng(width, height, pixels);
if (png.length > 2 * 1024 * 1024) throw new Error(`The large PNG is ${png.length} bytes, over the service's 2 MiB limit.`);
writeFileSync(file, png);
console.log(png.length);
