import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * The data source for the TypeORM CLI (`npm run migration:generate`). It reads DATABASE_URL;
 * the apps build theirs from the same options through DatabaseModule.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL must be set for the migration CLI');
}
export default new DataSource(dataSourceOptions(url));
