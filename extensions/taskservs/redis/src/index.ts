export { redis } from './redis';
export { redisParams } from './params';
export type { RedisParams } from './params';
export { redisScenarios } from './redis.scenarios';
