// Zod compiles object parsers with `new Function` when it may, and probes for that as its
// schemas are built. The Content-Security-Policy forbids eval, so the probe alone is reported
// as a violation on every page load. This classic script runs before any module (and so
// before Zod reads its settings); a module could not, its imports would run first. The first
// screen loads no Zod; a form or a link's filters bring it later, and it finds this set.
globalThis.__zod_globalConfig = { jitless: true };
