import type { z } from 'zod';
import type {
  absentOperationSchema,
  directoryOperationSchema,
  downloadOperationSchema,
  fileOperationSchema,
  groupOperationSchema,
  lineOperationSchema,
  linkOperationSchema,
  packageManagerSchema,
  packageOperationSchema,
  serviceOperationSchema,
  shellOperationSchema,
  taskservOperationSchema,
  templateOperationSchema,
  userOperationSchema,
} from './schemas';

export type FileOperation = z.output<typeof fileOperationSchema>;
export type TemplateOperation = z.output<typeof templateOperationSchema>;
export type LineOperation = z.output<typeof lineOperationSchema>;
export type DirectoryOperation = z.output<typeof directoryOperationSchema>;
export type LinkOperation = z.output<typeof linkOperationSchema>;
export type AbsentOperation = z.output<typeof absentOperationSchema>;
export type UserOperation = z.output<typeof userOperationSchema>;
export type GroupOperation = z.output<typeof groupOperationSchema>;
export type PackageManager = z.output<typeof packageManagerSchema>;
export type PackageOperation = z.output<typeof packageOperationSchema>;
export type ServiceOperation = z.output<typeof serviceOperationSchema>;
export type DownloadOperation = z.output<typeof downloadOperationSchema>;
export type ShellOperation = z.output<typeof shellOperationSchema>;
export type TaskservOperation = z.output<typeof taskservOperationSchema>;

export type Operation =
  | FileOperation
  | TemplateOperation
  | LineOperation
  | DirectoryOperation
  | LinkOperation
  | AbsentOperation
  | UserOperation
  | GroupOperation
  | PackageOperation
  | ServiceOperation
  | DownloadOperation
  | ShellOperation
  | TaskservOperation;

export type OperationKind = Operation['kind'];

/** What a builder accepts: the operation without its kind, id optional (defaulted from the target). */
export type BuilderInput<S extends z.ZodType> = Omit<z.input<S>, 'kind' | 'id'> & { id?: string };
