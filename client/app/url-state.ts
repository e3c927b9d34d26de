// URL state lives in client/lib/url-state.ts, where features may import it (they never import app/).
// This re-export only keeps tests/integration/csv-export.test.ts compiling until that file, being
// rewritten alongside, imports client/lib/url-state; delete this file then.
export { filterToSearchParams } from '../lib/url-state';
