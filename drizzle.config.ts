import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from src/store/schema into drizzle/ (committed).
// The app applies them itself at startup (src/store/migrate.ts); drizzle-kit needs no database here.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema/index.ts',
  out: './drizzle',
});
