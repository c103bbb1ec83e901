import type { Migration } from '@laoke/platform';
import { credentialsMigration } from './0001_credentials';

export const gatewayMigrations: Migration[] = [credentialsMigration];
