// Generate src/api/schema.gen.ts from ../openapi.yaml (openapi-typescript), or with --check
// fail when the committed file differs from what the current openapi.yaml produces.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = path.resolve(here, "../../openapi.yaml");
const target = path.resolve(here, "../src/api/schema.gen.ts");
const header =
  "// Generated from openapi.yaml by `npm run api:types`. Do not edit: regenerate.\n" +
  "/* eslint-disable */\n";

// Fields with a server default stay optional in what we send (pydantic fills them).
const ast = await openapiTS(new URL(`file://${spec}`), { defaultNonNullable: false });
const rendered = header + astToString(ast);

if (process.argv.includes("--check")) {
  const current = existsSync(target) ? readFileSync(target, "utf8") : "";
  if (current !== rendered) {
    console.error(
      "frontend/src/api/schema.gen.ts is out of date with openapi.yaml: run `make openapi` (or `npm run api:types` in frontend/) and commit it",
    );
    process.exit(1);
  }
  console.log("frontend API types are current");
} else {
  writeFileSync(target, rendered);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
