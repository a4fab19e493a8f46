export { aws } from './lib/aws-provider';
export { awsOptions, type AwsOptions } from './lib/options';
