// Used by the Prisma CLI only (generate; migrate deploy where its engine exists).
// Gatehouse itself applies prisma/migrations with its own runner at start-up.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? 'postgresql://localhost/gatehouse' },
});
