import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new migration from src/storage/schema.ts. Migrations are append-only.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/schema.ts',
  out: './src/storage/migrations',
});
