// Start GOV.UK Frontend's components. Every page works without this script.
import { initAll } from "../dist/govuk-frontend.min.js";

initAll();
