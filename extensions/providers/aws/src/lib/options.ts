import { z } from 'zod';

/** A server's `provider_options` for EC2. Credentials are written `{{secret.NAME}}`. */
export const awsOptions = z.strictObject({
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'region must be an AWS region such as eu-central-1' })
    .default('us-east-1')
    .describe('AWS region the instance is launched in.'),
  access_key_id: z
    .string()
    .regex(/^[A-Z0-9]{16,128}$/, { error: 'access_key_id must be an AWS access key id such as AKIA...' })
    .describe('Access key id of the IAM user or role; write it as {{secret.NAME}} or literally.'),
  secret_access_key: z.string().min(1).describe('Secret access key; write it as {{secret.NAME}}.'),
  session_token: z
    .string()
    .min(1)
    .optional()
    .describe('Session token of temporary credentials; write it as {{secret.NAME}}.'),
  endpoint: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("EC2 endpoint URL; default: the region's own (another only for an emulator or a proxy)."),
  instance_type: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, {
      error: 'instance_type must be an EC2 instance type such as t3.micro',
    })
    .default('t3.micro')
    .describe('Instance type (size); DescribeInstanceTypes lists them.'),
  image: z
    .string()
    .min(1)
    .default('debian-12-amd64-*')
    .describe(
      'AMI id (ami-...) or an image name pattern; the newest image of image_owner matching it is used.',
    ),
  image_owner: z
    .string()
    .regex(/^(\d{12}|self|amazon|aws-marketplace)$/, {
      error: 'image_owner must be an account id, self, amazon or aws-marketplace',
    })
    .default('136693071363')
    .describe("Owner of the images a name pattern is matched against (default: Debian's official account)."),
  zone: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, { error: 'zone must be an availability zone such as us-east-1a' })
    .optional()
    .describe('Availability zone; default: the one EC2 picks (or that of subnet_id).'),
  subnet_id: z
    .string()
    .regex(/^subnet-[0-9a-f]+$/)
    .optional()
    .describe('Subnet to launch in; default: the default VPC.'),
  security_group_ids: z
    .array(z.string().regex(/^sg-[0-9a-f]+$/))
    .default([])
    .describe('Security groups; they must let this machine reach port 22.'),
  user: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, { error: 'user must be a Unix user name' })
    .default('admin')
    .describe("Login user the SSH keys are given to: the image's default user (admin on Debian), or root."),
  address: z
    .enum(['public', 'private'])
    .default('public')
    .describe('Which address provisioning connects to.'),
  create_timeout: z
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(600)
    .describe('Seconds to wait for a new instance to run and report its host keys on the console.'),
  poll_interval: z
    .number()
    .min(0.05)
    .max(60)
    .default(5)
    .describe('Seconds between two reads of an instance that is changing state.'),
});

export type AwsOptions = z.output<typeof awsOptions>;
