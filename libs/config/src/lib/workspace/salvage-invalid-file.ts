import { clusterSchema, type InfraFile, serverSchema, taskservSchema } from '../schema/infra-file';
import { settingsFileSchema } from '../schema/settings';
import { type WorkspaceFile, workspaceFileSchema } from '../schema/workspace-file';

/**
 * What is still usable in a file that broke its schema (the errors are reported already): the
 * entries that pass their own schema, so references and cycles are still checked in the same run,
 * and the names of the entries left out, so references to them are not reported a second time.
 */
export type Salvage<T> = (data: Record<string, unknown>) => { value: T; invalidNames: Set<string> };

function nameOf(item: unknown): string | undefined {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The entries of an invalid infra file that pass their own schema. */
export const salvageInfraFile: Salvage<InfraFile> = (data) => {
  const invalidNames = new Set<string>();
  const keep = <S extends { safeParse(v: unknown): { success: boolean } }>(list: unknown, schema: S) => {
    if (!Array.isArray(list)) return undefined;
    return list.filter((item) => {
      const ok = schema.safeParse(item).success;
      const name = nameOf(item);
      if (!ok && name !== undefined) invalidNames.add(name);
      return ok;
    });
  };
  const settings = settingsFileSchema.safeParse(data['settings']);
  const value = {
    servers: keep(data['servers'], serverSchema),
    taskservs: keep(data['taskservs'], taskservSchema),
    clusters: keep(data['clusters'], clusterSchema),
    settings: settings.success ? settings.data : undefined,
  } as InfraFile;
  return { value, invalidNames };
};

/** What an invalid provisioning.yaml still tells the infra checks: its name and valid taskserv params. */
export const salvageWorkspaceFile: Salvage<WorkspaceFile> = (data) => {
  const params = workspaceFileSchema.shape.taskserv_params.safeParse(data['taskserv_params']);
  const name = typeof data['name'] === 'string' ? data['name'] : 'workspace';
  return {
    value: { name, taskserv_params: params.success ? params.data : undefined },
    invalidNames: new Set(),
  };
};
