import { passwordFor } from './flows';

/** The first administrator, created by first-admin.setup.ts through the setup link. */
export const ADMIN = { username: 'ada', displayName: 'Ada Admin', password: passwordFor('ada') };
