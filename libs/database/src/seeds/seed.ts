import { EntityManager } from 'typeorm';

/**
 * A named, versioned load of data. `reference` seeds (e.g. the official holiday calendar) run in
 * every deployment; `demo` seeds only where demo data is wanted. Each runs once per database:
 * its name is recorded in `seed_history`; a changed seed gets a new name (a new version).
 */
export interface Seed {
  name: string;
  kind: 'reference' | 'demo';
  run(em: EntityManager, ctx: SeedContext): Promise<void>;
}

export interface SeedContext {
  /** The instant the seed runs at (from the clock of the process running it). */
  now: Date;
}

/** An account the demo data creates, printed by `npm start`. */
export interface DemoAccount {
  app: 'portal' | 'console';
  login: string;
  password: string;
  roles: string;
}
