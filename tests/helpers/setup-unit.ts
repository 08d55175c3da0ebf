// Every unit test gets a complete in-memory IndexedDB; tests still use their own database
// names (see tests/helpers/db-name.ts) so no two tests ever share data.
import 'fake-indexeddb/auto';
