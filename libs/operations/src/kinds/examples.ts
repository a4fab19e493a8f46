import type { OperationExample } from '../lib/example';
import { absentExamples } from './absent.examples';
import { directoryExamples } from './directory.examples';
import { downloadExamples } from './download.examples';
import { fileExamples } from './file.examples';
import { groupExamples } from './group.examples';
import { lineExamples } from './line.examples';
import { linkExamples } from './link.examples';
import { packageExamples } from './package.examples';
import { serviceExamples } from './service.examples';
import { shellExamples } from './shell.examples';
import { templateExamples } from './template.examples';
import { userExamples } from './user.examples';

/** Every kind's examples; download ones need the base URL of a server with `/tool` (tests serve one). */
export function operationExamples(downloadBaseUrl: string): Record<string, OperationExample[]> {
  return {
    file: fileExamples,
    template: templateExamples,
    line: lineExamples,
    directory: directoryExamples,
    link: linkExamples,
    absent: absentExamples,
    shell: shellExamples,
    download: downloadExamples(downloadBaseUrl),
    user: userExamples,
    group: groupExamples,
    package: packageExamples,
    service: serviceExamples,
  };
}
