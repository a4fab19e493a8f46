export { postgresql, POSTGRESQL_OPERATION_IDS } from './postgresql';
export { postgresqlParams } from './params';
export type { PostgresqlParams } from './params';
export { postgresqlScenarios } from './postgresql.scenarios';
