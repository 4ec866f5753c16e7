// Build the front-end assets into saferhub/static/dist and copy GOV.UK Frontend's runtime files.
import { compile } from "sass";
import { NodePackageImporter } from "sass";
import { cpSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "saferhub", "static", "dist");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = compile(join(root, "assets", "scss", "saferhub.scss"), {
  importers: [new NodePackageImporter()],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "saferhub.css"), result.css);

const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
// Images the stylesheet refers to, so that collectstatic's manifest can resolve every url().
cpSync(join(govuk, "assets", "images", "govuk-crest.svg"), join(out, "govuk", "assets", "images", "govuk-crest.svg"));
console.log("assets built in saferhub/static/dist");
