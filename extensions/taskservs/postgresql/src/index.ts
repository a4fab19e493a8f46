export { postgresql, POSTGRESQL_OPERATION_IDS } from './postgresql';
export { postgresqlParams } from './params';
export type { PostgresqlParams } from './params';
export { postgresqlReplicaScenarios, postgresqlScenarios } from './postgresql.scenarios';
